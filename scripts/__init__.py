"""Build, check and test tools for the Plan 855/KH-UBND site."""

"""A Chromium page that refuses and counts every request leaving the site."""

from __future__ import annotations

from dataclasses import dataclass, field

# Schemes that never leave the machine.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class GuardedPage:
    """A page plus what it tried: requests outside `local` and console errors."""

    context: object
    page: object
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.context.close()


def open_guarded(browser, local: str, viewport: tuple[int, int] = (1280, 900),
                 color_scheme: str = "light") -> GuardedPage:
    """A new page in its own context; `local` is the site's URL prefix
    (http://127.0.0.1:port/ or file:///folder/). Every other request is
    aborted and recorded once, as is every console error."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=color_scheme)

    def is_local(url: str) -> bool:
        return url.startswith(local) or url.startswith(LOCAL_SCHEMES)

    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    guarded = GuardedPage(context, context.new_page())
    guarded.page.on("request", lambda request: is_local(request.url) or guarded.outside.append(request.url))
    guarded.page.on("console", lambda message: message.type == "error" and guarded.errors.append(message.text))
    guarded.page.on("pageerror", lambda error: guarded.errors.append(str(error)))
    return guarded

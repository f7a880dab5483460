"""Does the git repository behind the pages hold their whole history?

Each page shows the date of its last commit ("Cập nhật lần cuối"). A shallow
clone (`git clone --depth 1`, the default checkout of most CI systems) holds
only the newest commits: git then dates every older page by the oldest commit
it has, and nothing tells the build the dates are wrong. A partial clone
(`git clone --filter=...`) lacks the old file contents git needs to follow a
page through its history: git fetches them over the network one page at a
time, or fails and the page gets the build date. Both must stop the build.

No MkDocs import: `hooks/build_date.py` turns the exception into an Abort.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class HistoryError(Exception):
    """git could not say whether the history is complete; str() says why."""


class IncompleteHistory(HistoryError):
    """The repository is a shallow or partial clone; str() says how to fix it
    (in Vietnamese for editors, then in English)."""


def check_history(path: Path) -> Path | None:
    """Make sure the git repository holding `path` has the whole history of HEAD.

    Git is asked about the repository that contains `path` (the docs folder),
    whatever the working directory.

    Returns the repository's top folder, or None when `path` is in no git
    repository (a tarball) or git is not installed: page dates then come from
    the build (SOURCE_DATE_EPOCH), as before.
    Raises IncompleteHistory for a shallow clone (the message names
    `git fetch --unshallow`) or a partial clone that lacks objects (the
    message names `git fetch --refetch` and a full `git clone`), and
    HistoryError when git fails for another reason (for example "detected
    dubious ownership"), since the dates could not be trusted either.
    """
    try:
        top, shallow = _git(path, "rev-parse", "--show-toplevel", "--is-shallow-repository").splitlines()
    except FileNotFoundError:  # no git program at all
        return None
    except _NotARepository:
        return None
    if shallow == "true":
        raise IncompleteHistory(
            f"Không dựng được: kho git {top} là bản sao nông (shallow clone), thiếu các commit cũ, "
            "nên ngày “Cập nhật lần cuối” của các trang sẽ sai. Cách sửa: chạy `git fetch --unshallow` "
            "trong thư mục đó rồi dựng lại (trên GitHub Actions: đặt `fetch-depth: 0` cho bước "
            "actions/checkout).\n"
            f"Build stopped: {top} is a shallow git clone, so page dates would be wrong. "
            "Run `git fetch --unshallow` there, then build again "
            "(GitHub Actions: `fetch-depth: 0` on actions/checkout)."
        )
    remotes = _promisor_remotes(path)
    if remotes and _missing_objects(path):
        remote = remotes[0]
        refetch = f"git -c remote.{remote}.partialclonefilter= fetch --refetch {remote}"
        raise IncompleteHistory(
            f"Không dựng được: kho git {top} là bản sao một phần (partial clone, remote “{remote}”), "
            "thiếu nội dung tệp của các commit cũ, nên ngày “Cập nhật lần cuối” của các trang có thể sai. "
            f"Cách sửa: chạy `{refetch}` (git 2.36 trở lên) trong thư mục đó để tải đủ lịch sử, "
            "hoặc sao chép lại đầy đủ bằng `git clone` (không dùng `--filter`), rồi dựng lại.\n"
            f"Build stopped: {top} is a partial git clone (remote '{remote}') missing old file contents, "
            f"so page dates could be wrong. Run `{refetch}` there (git 2.36 or later), "
            "or make a full `git clone` (without `--filter`), then build again."
        )
    return Path(top)


class _NotARepository(Exception):
    pass


def _git(path: Path, *args: str, ok: tuple[int, ...] = (0,)) -> str:
    """stdout of `git -C path args`; _NotARepository outside a repository,
    HistoryError on any other failure (exit code not in `ok`)."""
    env = {**os.environ, "LC_ALL": "C"}  # git's messages in English, to recognise them
    result = subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True,
                            env=env, check=False)
    if result.returncode in ok:
        return result.stdout
    if "not a git repository" in result.stderr:
        raise _NotARepository(result.stderr)
    raise HistoryError(f"git không đọc được lịch sử của {path} / git cannot read the history of {path} "
                       f"(`git {' '.join(args)}`): {result.stderr.strip()}")


def _promisor_remotes(path: Path) -> list[str]:
    """Remotes that may lazily supply missing objects (a partial clone)."""
    # Exit code 1: no such key, not a partial clone.
    lines = _git(path, "config", "--get-regexp", r"^(extensions\.partialclone|remote\..*\.promisor)$",
                 ok=(0, 1)).splitlines()
    remotes = []
    for line in lines:
        key, _, value = line.partition(" ")
        if key.lower() == "extensions.partialclone":
            name = value
        elif value.lower() in {"true", "yes", "on", "1"}:
            name = key[len("remote."):-len(".promisor")]
        else:
            continue
        if name and name not in remotes:
            remotes.append(name)
    return remotes


def _missing_objects(path: Path) -> bool:
    """Whether any object reachable from HEAD is absent (never fetches it)."""
    listing = _git(path, "rev-list", "--objects", "--missing=print", "HEAD")
    return any(line.startswith("?") for line in listing.splitlines())

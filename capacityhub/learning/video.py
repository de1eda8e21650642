"""Which video links a lesson page may play itself (pure; tested without a database).

Only Wikimedia Commons files are embedded, as an HTML5 <video> of the file on
upload.wikimedia.org: freely licensed, no tracking, no third-party script or frame. Every other
host (PeerTube, YouTube…) stays an external link. Nothing here returns HTML: the template
builds the element from the URL returned, so no user-given markup is ever rendered."""

import hashlib
from urllib.parse import quote, unquote, urlsplit

UPLOAD_HOST = "upload.wikimedia.org"
COMMONS_HOSTS = {"commons.wikimedia.org", "commons.m.wikimedia.org"}
VIDEO_EXTENSIONS = (".webm", ".ogv", ".mp4")
MEDIA_SOURCE = f"https://{UPLOAD_HOST}"  # what the page's Content-Security-Policy must allow


def _parts(url):
    """The URL split, or None when it is not a plain http(s) address."""
    if not isinstance(url, str) or any(c.isspace() or c in "\\\"'<>" for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password or port:
        return None
    return parts


def _is_video(name: str) -> bool:
    return name.lower().endswith(VIDEO_EXTENSIONS) and "/" not in name and len(name) > 5


def commons_file_url(name: str) -> str:
    """The direct file address of a Commons file name, the way MediaWiki stores it: spaces as
    underscores, the first letter upper-case, under the first digits of the name's MD5."""
    name = name.strip().replace(" ", "_")
    name = name[:1].upper() + name[1:]
    digest = hashlib.md5(name.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{MEDIA_SOURCE}/wikipedia/commons/{digest[0]}/{digest[:2]}/{quote(name)}"


def embeddable_video(url: str) -> str | None:
    """The https address of the video file to play in the page, or None to keep the link.

    Accepted: direct files on upload.wikimedia.org/wikipedia/commons/ and Commons file pages
    (commons.wikimedia.org/wiki/File:Name.webm), ending in .webm, .ogv or .mp4."""
    parts = _parts(url)
    if parts is None:
        return None
    host, path = parts.hostname, unquote(parts.path)
    commons_upload = host == UPLOAD_HOST and path.startswith("/wikipedia/commons/")
    if commons_upload and ".." not in path and _is_video(path.rsplit("/", 1)[-1]):
        return f"{MEDIA_SOURCE}{quote(path)}"
    if host in COMMONS_HOSTS and path.startswith("/wiki/File:"):
        name = path.removeprefix("/wiki/File:")
        if _is_video(name):
            return commons_file_url(name)
    return None


def video_host(url: str) -> str:
    """The site a video link leads to, to label it (empty when the link is not usable)."""
    parts = _parts(url)
    return (parts.hostname or "") if parts else ""

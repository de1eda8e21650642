"""Video lessons: Wikimedia Commons files play in the page, every other host stays a labelled
external link, and no user-given markup is ever rendered."""

import pytest
from django.urls import reverse

from capacityhub.learning.models import Lesson
from capacityhub.learning.video import commons_file_url, embeddable_video, video_host

from .factories import LessonFactory, author_user, course_with_lessons

UPLOAD = "https://upload.wikimedia.org/wikipedia/commons"


# The pure URL checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"{UPLOAD}/a/ab/Editing_Wikipedia.webm",
        f"{UPLOAD}/transcoded/a/ab/Editing.webm/Editing.webm.480p.vp9.webm",
        f"{UPLOAD}/1/12/Talk.ogv",
        f"{UPLOAD}/1/12/Talk.MP4",
        "http://upload.wikimedia.org/wikipedia/commons/1/12/Talk.ogv",
    ],
)
def test_direct_commons_video_files_are_embedded_over_https(url):
    embedded = embeddable_video(url)

    assert embedded is not None
    assert embedded.startswith(f"{UPLOAD}/")
    assert embedded.rsplit("/", 1)[-1] == url.rsplit("/", 1)[-1]


def test_a_commons_file_page_is_embedded_as_its_file_on_upload_wikimedia_org():
    assert embeddable_video("https://commons.wikimedia.org/wiki/File:Example.webm") == (
        commons_file_url("Example.webm")
    )
    assert embeddable_video("https://commons.m.wikimedia.org/wiki/File:Example.webm?uselang=fr")


def test_a_commons_file_name_maps_to_its_address_like_mediawiki_does():
    # the well-known address of Commons' File:Example.jpg is …/a/a9/Example.jpg
    assert commons_file_url("Example.jpg") == f"{UPLOAD}/a/a9/Example.jpg"
    assert commons_file_url("example.jpg") == f"{UPLOAD}/a/a9/Example.jpg"
    assert commons_file_url("My talk.webm").endswith("/My_talk.webm")
    assert commons_file_url("Ça va.webm").endswith("/%C3%87a_va.webm")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=abc",
        "https://video.wikimedia.fr/videos/watch/123",  # PeerTube
        "https://commons.wikimedia.org/wiki/File:Diagram.png",  # not a video
        "https://commons.wikimedia.org/wiki/Category:Videos.webm",  # not a file page
        "https://upload.wikimedia.org/wikipedia/en/1/12/Local.webm",  # not Commons
        "https://upload.wikimedia.org.evil.example/wikipedia/commons/1/12/Talk.webm",
        "https://evil.example/upload.wikimedia.org/wikipedia/commons/1/12/Talk.webm",
        "https://user@upload.wikimedia.org/wikipedia/commons/1/12/Talk.webm",
        "https://upload.wikimedia.org:8443/wikipedia/commons/1/12/Talk.webm",
        "https://upload.wikimedia.org/wikipedia/commons/../../x/Talk.webm",
        'https://upload.wikimedia.org/wikipedia/commons/1/12/A"onload=x.webm',
        "javascript:alert(1)//Talk.webm",
        "ftp://upload.wikimedia.org/wikipedia/commons/1/12/Talk.webm",
        "",
        None,
    ],
)
def test_every_other_link_is_not_embedded(url):
    assert embeddable_video(url) is None


def test_the_host_names_where_an_external_link_leads():
    assert video_host("https://www.YouTube.com/watch?v=abc") == "www.youtube.com"
    assert video_host("not a link") == ""


# The lesson page -------------------------------------------------------------------------------


@pytest.fixture
def video_lesson(db):
    def make(url: str) -> Lesson:
        course, *_ = course_with_lessons(authors=[author_user()], slug="videos")
        return LessonFactory(
            module=course.modules.first(), kind=Lesson.Kind.VIDEO, video_url=url, body=""
        )

    return make


def _page(client, lesson):
    return client.get(reverse("web:lesson-detail", args=[lesson.module.course.slug, lesson.pk]))


def test_a_commons_video_plays_in_the_page_with_the_link_as_fallback(client, video_lesson):
    url = f"{UPLOAD}/a/ab/Editing_Wikipedia.webm"
    lesson = video_lesson(url)

    response = _page(client, lesson)

    content = response.content.decode()
    assert f'<video controls preload="none" src="{url}"' in content
    assert f'<a href="{url}"' in content
    assert "media-src 'self' https://upload.wikimedia.org" in response["Content-Security-Policy"]


def test_another_host_stays_a_clearly_labelled_external_link(client, video_lesson):
    lesson = video_lesson("https://www.youtube.com/watch?v=abc")

    response = _page(client, lesson)

    content = response.content.decode()
    assert "<video" not in content
    assert "Watch the video on www.youtube.com (external site)" in content
    assert "media-src" not in response["Content-Security-Policy"]


def test_a_crafted_link_is_never_rendered_as_markup(client, video_lesson):
    lesson = video_lesson('https://example.org/"><script>alert(1)</script>.webm')

    content = _page(client, lesson).content.decode()

    assert "<script>alert(1)" not in content and "<video" not in content

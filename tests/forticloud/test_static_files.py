"""Production's static files (forticloud.web.static_files): every page links each file by its
hashed name, so a browser never keeps an old stylesheet after a release."""

from forticloud.web.static_files import StaticFilesStorage


def test_a_page_links_the_hashed_file_every_time(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    storage = StaticFilesStorage(location=tmp_path)
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "portal.css").write_text("body { color: black; }")
    list(storage.post_process({"css/portal.css": (storage, "css/portal.css")}))
    storage.save_manifest()

    fresh = StaticFilesStorage(location=tmp_path)
    first = fresh.url("css/portal.css")
    assert first.startswith("/static/css/portal.") and first.endswith(".css")
    assert first != "/static/css/portal.css"
    assert fresh.url("css/portal.css") == first
    assert (tmp_path / first.removeprefix("/static/")).exists()

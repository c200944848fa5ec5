"""Static files as production serves them: whitenoise's compressed files with hashed names."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Each file's URL looked up once per process: every page names the same few files, and
    each lookup in the manifest cost a page about 25 µs (tests/perf/HISTORY.md). The manifest
    is read once, when the process starts, so its URLs cannot change later."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url

"""Exports as background jobs: started by a user in a context, written by the worker with its
progress on the job, downloaded by that user in that context, deleted after the retention."""

import logging
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F
from django.urls import get_resolver
from django.utils import timezone

from forticloud.web.exports import write_export
from forticloud.web.lists import LIST_PAGES, export_rows

from ..access import access_for_context
from ..models import ExportJob, User
from ..models.export_job import STOPPED

logger = logging.getLogger(__name__)

# Exports a user may have waiting or running at once; a stopped one (its worker died or never
# came: ``ExportJobQuerySet.stopped``) no longer counts.
MAX_UNFINISHED = 3
NO_LONGER_ALLOWED = "You no longer have access to this list."
FAILED = "The export failed. Start it again; if it fails again, contact support."
# Seconds a client should wait before asking again for a file its store could not give.
STORE_RETRY_AFTER = 60
STORE_UNAVAILABLE = (
    "The file cannot be read from the export store right now. Try the download again in a "
    "minute; if it still fails, start the export again or contact support."
)


class ExportStoreUnavailable(Exception):
    """The store holding the files refused or did not answer (not a file it says is gone):
    its credentials, its policy, or the network. A retry may succeed."""


class _JobStopped(Exception):
    """The job was marked stopped while its worker still wrote it (``exports_prune``)."""


def _store_errors() -> tuple[type[Exception], ...]:
    """What a store that cannot be read raises: OSError (a folder), and botocore's errors when
    django-storages' S3 backend is installed (the ``s3`` extra)."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


def list_page(name: str):
    """The ListPage called ``name``, or None. The apps declare their lists in modules their
    views import, so the URLconf is loaded first (a worker does not load it otherwise)."""
    get_resolver().url_patterns  # noqa: B018 (imports every view, and so every list)
    return LIST_PAGES.get(name)


def export_start(*, access, declaration, kind: str, query: str) -> ExportJob:
    """Queue the export of ``declaration`` as ``query`` shows it; the worker writes it."""
    if kind not in declaration.exports:
        raise ValidationError("This list cannot be exported in that format.")
    with transaction.atomic():
        # The user's row is locked, so two clicks at once cannot both pass the limit.
        User.objects.select_for_update().filter(pk=access.user.pk).exists()
        job = _job_create(access, declaration, kind, query)
    from ..tasks import export_write  # the task module imports this one

    export_write.enqueue(str(job.pk))
    return job


def _job_create(access, declaration, kind, query) -> ExportJob:
    now = timezone.now()
    running = ExportJob.objects.filter(user=access.user).unfinished()
    if running.count() >= MAX_UNFINISHED:
        raise ValidationError(
            f"You already have {MAX_UNFINISHED} exports in progress. Start another one when "
            "one of them is ready."
        )
    return ExportJob.objects.create(
        user=access.user,
        context=access.key,
        list_name=declaration.name,
        query=query,
        kind=kind,
        download_name=f"{declaration.file_name(access)}.{kind}",
        expires_at=now + settings.EXPORT_RETENTION,
    )


def export_run(job_id: str) -> None:
    """The worker's part: write the file, once, for the access the user has now."""
    exports_prune()
    if not ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, progress_at=timezone.now()
    ):
        return  # already taken, stopped, or gone
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        _write(job)
    except _JobStopped:
        logger.warning("Export %s was stopped while it was written", job.pk)
    except Exception:
        logger.exception("Export %s failed", job.pk)
        _finish(job, status=ExportJob.Status.FAILED, error=FAILED)


def _still_running(job, **fields) -> bool:
    """Write ``fields`` on the job unless it was marked stopped meanwhile; whether it was."""
    running = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING)
    return bool(running.update(**fields))


def _finish(job, **fields) -> bool:
    """Finish the job unless it was stopped meanwhile; whether it was finished."""
    return _still_running(job, finished_at=timezone.now(), **fields)


def _alive(job, **fields) -> None:
    """Note the job's progress (``fields``) and that its worker is alive; _JobStopped if the
    job was marked stopped meanwhile."""
    if not _still_running(job, progress_at=timezone.now(), **fields):
        raise _JobStopped(job.pk)


def _write(job: ExportJob) -> None:
    access = access_for_context(job.user, job.context)
    declaration = list_page(job.list_name)
    if access is None or declaration is None or not declaration.allowed(access):
        _finish(job, status=ExportJob.Status.FAILED, error=NO_LONGER_ALLOWED)
        return
    header, rows, total = export_rows(declaration, access, job.query)
    _alive(job, rows_total=total)
    storage = storages["exports"]
    with tempfile.TemporaryFile() as spool:

        def progress(count):
            _alive(job, rows_written=count)

        write_export(job.kind, spool, header, rows, progress, sheet=declaration.table.sheet)
        _alive(job)  # the file is written (an .xlsx file closed); the upload may take a while
        spool.seek(0)
        name = storage.save(f"{job.pk}/{job.download_name}", File(spool))
    # The total is what the file holds, even if rows changed while it was written.
    done = ExportJob.Status.DONE
    if not _finish(job, status=done, file_name=name, rows_total=F("rows_written")):
        storage.delete(name)  # stopped while it was uploaded: no job names the file


def export_file(job: ExportJob, *, head: bool = False) -> tuple[object | None, int]:
    """The finished file of ``job``, open for reading, and its size in bytes; FileNotFoundError
    if there is none to download: not done, past its retention, or gone from the store;
    ExportStoreUnavailable if the store cannot be read now. From an object store the object's
    body is read as it is sent: the file django-storages opens first downloads the whole object
    into the web worker's memory (a million rows: 105 MB for each download at once). With
    ``head`` (a HEAD request) None and the size: the body is not asked for (the WSGI server
    would read it all from the store to drop it)."""
    if job.status != ExportJob.Status.DONE or job.expires_at <= timezone.now():
        raise FileNotFoundError(job.file_name)
    try:
        return _stored_file(job.file_name, head)
    except FileNotFoundError:
        raise
    except _store_errors() as error:
        logger.error("Export %s cannot be read from its store", job.pk, exc_info=True)
        raise ExportStoreUnavailable(job.file_name) from error


def _stored_file(name: str, head: bool) -> tuple[object | None, int]:
    file = storages["exports"].open(name)
    stored = getattr(file, "obj", None)  # its object in the bucket (storages.backends.s3)
    # Opening an object read its metadata (a HEAD request to the bucket), its size with it.
    size = file.size if stored is None else stored.content_length
    if head:
        file.close()
        return None, size
    if stored is None:
        return file, size
    try:
        answer = stored.get()
    except stored.meta.client.exceptions.NoSuchKey:
        raise FileNotFoundError(name) from None
    return answer["Body"], answer["ContentLength"]


def exports_prune(now=None) -> int:
    """Mark the stopped exports failed, and delete those past their retention, files first
    (one the store cannot delete now is left for the next prune). Returns how many."""
    now = now or timezone.now()
    stopped = ExportJob.objects.stopped(now)
    stopped.update(status=ExportJob.Status.FAILED, error=STOPPED, finished_at=now)
    storage = storages["exports"]
    count = 0
    for job in ExportJob.objects.filter(expires_at__lte=now):
        try:
            if job.file_name:
                storage.delete(job.file_name)
        except _store_errors():
            logger.error("Export %s: its file cannot be deleted now", job.pk, exc_info=True)
            continue
        job.delete()
        count += 1
    return count

"""Renditions are made by the worker after a photo's commit, not while its editor waits."""

from django_tasks import task

from dateline.core.background import BACKGROUND
from dateline.mediabank.models import Photo
from dateline.mediabank.services import photo_renditions_warm


@task(backend=BACKGROUND)
def photo_renditions_task(photo_id: int) -> str:
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "deleted"  # removed before the worker came to it: nothing to make
    photo_renditions_warm(photo=photo)
    return "made"

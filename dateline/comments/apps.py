from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "dateline.comments"
    label = "comments"
    verbose_name = _("Readers' comments")

    def ready(self) -> None:
        from dateline.accounts.services import reader_data_register

        from .services import comments_erase, comments_export

        reader_data_register(name="comments", export=comments_export, erase=comments_erase)

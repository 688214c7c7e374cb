from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatsConfig(AppConfig):
    name = "dateline.chats"
    label = "chats"
    verbose_name = _("Chats")

    def ready(self) -> None:
        from dateline.accounts.services import reader_data_register
        from dateline.core.periodic import periodic_register

        from .services import chat_messages_erase, chat_messages_export, chat_presence_sweep

        reader_data_register(
            name="chat_messages", export=chat_messages_export, erase=chat_messages_erase
        )
        periodic_register(chat_presence_sweep)

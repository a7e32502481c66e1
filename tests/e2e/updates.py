"""Pure builders for the JSON objects of Telegram updates (users, chats, entities, messages).

They hold no state: the fake server (`fake_bot_api.FakeBotApi`) allocates update and message
ids, registers chats and files, and wraps these objects into updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

JsonDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup", "channel"]

# The account Telegram shows as the author of messages an anonymous group admin sends.
GROUP_ANONYMOUS_BOT_ID = 1087968824

# Telegram marks a /command (optionally /command@bot) at the start or after whitespace; a URL is
# also an entity, which bots read to find links without parsing the text themselves.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?(?![A-Za-z0-9_@/])")
_URL = re.compile(r"\bhttps?://[^\s<>\"]+")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class User:
    """A Telegram user (or bot) as it appears in `from` fields."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def to_dict(self) -> JsonDict:
        """The Bot API `User` object."""
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data


GROUP_ANONYMOUS_BOT = User(
    id=GROUP_ANONYMOUS_BOT_ID, first_name="Group", username="GroupAnonymousBot", is_bot=True
)


@dataclass(frozen=True)
class Chat:
    """A Telegram chat; build it with `private`, `group`, `supergroup` or `channel`."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_forum: bool = False

    @classmethod
    def private(cls, user: User) -> Chat:
        """The one-to-one chat between `user` and the bot (its id is the user's id)."""
        return cls(
            id=user.id,
            type="private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
        )

    @classmethod
    def group(cls, chat_id: int, title: str = "Test group") -> Chat:
        """A basic group (negative id, as Telegram gives them)."""
        return cls(id=-abs(chat_id), type="group", title=title)

    @classmethod
    def supergroup(
        cls, chat_id: int, title: str = "Test supergroup", *, is_forum: bool = False
    ) -> Chat:
        """A supergroup; ids look like -100xxxxxxxxxx."""
        return cls(id=_supergroup_id(chat_id), type="supergroup", title=title, is_forum=is_forum)

    @classmethod
    def channel(cls, chat_id: int, title: str = "Test channel") -> Chat:
        """A channel; ids look like -100xxxxxxxxxx."""
        return cls(id=_supergroup_id(chat_id), type="channel", title=title)

    @property
    def is_group(self) -> bool:
        """True for groups and supergroups (where admins and members matter)."""
        return self.type in ("group", "supergroup")

    def to_dict(self) -> JsonDict:
        """The Bot API `Chat` object."""
        data: JsonDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data


def _supergroup_id(chat_id: int) -> int:
    digits = str(abs(chat_id))
    if digits.startswith("100") and len(digits) == 13:
        return -int(digits)
    return -int(f"100{digits:0>10}")


def text_entities(text: str) -> list[JsonDict]:
    """The entities Telegram detects in text a user types: bot commands and URLs."""
    found: list[tuple[int, int, JsonDict]] = []
    for pattern, kind in ((_COMMAND, "bot_command"), (_URL, "url")):
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            entity = {"type": kind, "offset": offset, "length": utf16_len(match.group())}
            found.append((match.start(), match.end(), entity))
    found.sort(key=lambda item: item[0])
    return [entity for _, _, entity in found]


def message_dict(
    *,
    message_id: int,
    date: int,
    chat: Chat,
    sender: User | None,
    text: str | None = None,
    caption: str | None = None,
    sender_chat: Chat | None = None,
    message_thread_id: int | None = None,
    reply_to: JsonDict | None = None,
    extra: JsonDict | None = None,
) -> JsonDict:
    """A Bot API `Message` with the entities Telegram would attach to its text or caption."""
    message: JsonDict = {"message_id": message_id, "date": date, "chat": chat.to_dict()}
    if sender is not None:
        message["from"] = sender.to_dict()
    if sender_chat is not None:
        message["sender_chat"] = sender_chat.to_dict()
    if message_thread_id is not None:
        message["message_thread_id"] = message_thread_id
        if chat.is_forum:
            message["is_topic_message"] = True
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    if text is not None:
        message["text"] = text
        if entities := text_entities(text):
            message["entities"] = entities
    if caption is not None:
        message["caption"] = caption
        if entities := text_entities(caption):
            message["caption_entities"] = entities
    if extra:
        message.update(extra)
    return message


def chat_member_dict(user: User, status: str) -> JsonDict:
    """A Bot API `ChatMember` with every field python-telegram-bot requires for that status."""
    member: JsonDict = {"user": user.to_dict(), "status": status}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_post_messages=True,
            can_edit_messages=True,
            can_pin_messages=True,
            can_manage_topics=True,
        )
    elif status == "restricted":
        member.update(
            {
                "is_member": True,
                "until_date": 0,
                **dict.fromkeys(
                    (
                        "can_change_info",
                        "can_invite_users",
                        "can_pin_messages",
                        "can_send_messages",
                        "can_send_polls",
                        "can_send_other_messages",
                        "can_add_web_page_previews",
                        "can_manage_topics",
                        "can_send_audios",
                        "can_send_documents",
                        "can_send_photos",
                        "can_send_videos",
                        "can_send_video_notes",
                        "can_send_voice_notes",
                        "can_edit_tag",
                    ),
                    False,
                ),
            }
        )
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    return member

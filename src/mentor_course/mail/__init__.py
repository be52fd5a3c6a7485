"""Mail to mentors: the settings (`MailSettings.from_env`), the letters (`invitation`,
`reminder`) and the `Postbox` that sends them over SMTP."""

from mentor_course.mail.messages import Letter, invitation, reminder, to_email
from mentor_course.mail.postbox import Delivery, MailError, Postbox
from mentor_course.mail.settings import MailSettings, MailSettingsError

__all__ = [
    "Delivery",
    "Letter",
    "MailError",
    "MailSettings",
    "MailSettingsError",
    "Postbox",
    "invitation",
    "reminder",
    "to_email",
]

"""An aiosmtpd handler for the mail tests: every message the server accepts is written, parsed
and decoded with Python's own e-mail package, as one JSON file in the directory given.

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.JsonMailbox DIR
"""

import email
import email.policy
import json
import os


class JsonMailbox:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("JsonMailbox takes one argument: the directory to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        # While the test has put a `refuse` file here, the server is "busy": a temporary
        # refusal, counted, which a sender must retry later.
        if os.path.exists(os.path.join(self.directory, "refuse")):
            with open(os.path.join(self.directory, "refused"), "a", encoding="utf-8") as f:
                f.write("451\n")
            return "451 4.3.0 Busy, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.count += 1
        record = {
            "envelope_from": envelope.mail_from,
            "envelope_to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "body": message.get_content(),
        }
        path = os.path.join(self.directory, f"{self.count:04}.json")
        # Written whole, then renamed, so a reader never sees half a message.
        with open(path + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".part", path)
        return "250 Message accepted for delivery"

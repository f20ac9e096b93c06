"""Acts as fediverse-pasture's one_actor (an independent ActivityPub server, running beside this
script in the same directory, whose data.toml holds the actor's key) through bovine, the library
it is built on: bovine resolves handles by WebFinger, signs every request and fetches what it
needs. tests/independent_peer.rs drives it; only the activities it sends are written here.

    pasture-peer.py PASTURE_URL follow HANDLE        prints {"city": ..., "follow": ...}
    pasture-peer.py PASTURE_URL reply ITEM_URL TEXT  prints {"reply": ...}

Runs in the one_actor's directory (the actor's data.toml is read from the working directory).
"""

import asyncio
import json
import sys
import uuid

from bovine.clients import lookup_uri_with_webfinger
from fediverse_pasture.one_actor import bovine_actor_and_session

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


async def post(actor, inbox: str, activity: dict) -> None:
    """Posts signed by bovine; a refusal fails with the city's answer, which says why."""
    response = await actor.client.post(inbox, json.dumps(activity))
    if response.status >= 300:
        raise SystemExit(f"POST {inbox}: {response.status} {await response.text()}")
CONTEXT = "https://www.w3.org/ns/activitystreams"


async def follow(pasture_url: str, handle: str) -> dict:
    async with bovine_actor_and_session(pasture_url) as (actor, _, session):
        city_id, _ = await lookup_uri_with_webfinger(
            session, f"acct:{handle}", domain=f"http://{handle.split('@', 1)[1]}"
        )
        if city_id is None:
            raise SystemExit(f"WebFinger found no actor for {handle}")
        city = await actor.get(city_id)
        activity = {
            "@context": CONTEXT,
            "id": f"{actor.actor_id}#follows/{uuid.uuid4()}",
            "type": "Follow",
            "actor": actor.actor_id,
            "object": city["id"],
        }
        await post(actor, city["inbox"], activity)
        return {"city": city["id"], "follow": activity["id"]}


async def reply(pasture_url: str, item_url: str, text: str) -> dict:
    async with bovine_actor_and_session(pasture_url) as (actor, _, _):
        item = await actor.get(item_url)
        city = await actor.get(item["attributedTo"])
        note_id = f"{actor.actor_id}/notes/{uuid.uuid4()}"
        note = {
            "id": note_id,
            "type": "Note",
            "attributedTo": actor.actor_id,
            "inReplyTo": item["id"],
            "to": [city["id"]],
            "cc": [PUBLIC],
            "content": f"<p>{text}</p>",
            "contentMap": {"en": f"<p>{text}</p>"},
            "tag": [{"type": "Mention", "href": city["id"], "name": f"@{city['preferredUsername']}"}],
        }
        activity = {
            "@context": CONTEXT,
            "id": f"{note_id}/activity",
            "type": "Create",
            "actor": actor.actor_id,
            "to": note["to"],
            "cc": note["cc"],
            "object": note,
        }
        await post(actor, city["inbox"], activity)
        return {"reply": note_id}


def main() -> None:
    pasture_url, command, *args = sys.argv[1:]
    if command == "follow":
        result = asyncio.run(follow(pasture_url, *args))
    elif command == "reply":
        result = asyncio.run(reply(pasture_url, *args))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

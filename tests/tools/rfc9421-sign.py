"""Signs one HTTP request as RFC 9421 specifies, with pyauth's http-message-signatures (an
implementation written by others, pinned in tests/tools/pasture-requirements.txt), the way fedify
signs ActivityPub requests: @method, @target-uri, @authority and, for a body, Content-Digest.
tests/message_signatures.rs sends what it prints.

    rfc9421-sign.py ALG KEY_ID PRIVATE_KEY_PEM_FILE METHOD URL < BODY
        ALG is rsa-v1_5-sha256 or ed25519; prints the headers to send, as a JSON object
"""

import json
import sys

import requests
from http_message_signatures import HTTPMessageSigner, MappingKeyResolver, algorithms

ALGORITHMS = {
    "rsa-v1_5-sha256": algorithms.RSA_V1_5_SHA256,
    "ed25519": algorithms.ED25519,
}


def main() -> None:
    alg, key_id, key_file, method, url = sys.argv[1:]
    body = sys.stdin.buffer.read()
    with open(key_file, "rb") as f:
        private_key = f.read()
    headers = {"Accept": "application/activity+json"}
    if body:
        headers["Content-Type"] = "application/activity+json"
    request = requests.Request(method, url, data=body or None, headers=headers).prepare()
    signer = HTTPMessageSigner(
        signature_algorithm=ALGORITHMS[alg],
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={key_id: private_key}),
    )
    signer.sign(
        request,
        key_id=key_id,
        label="sig1",
        covered_component_ids=("@method", "@target-uri", "@authority"),
        body=body if body else None,
    )
    print(json.dumps(dict(request.headers)))


if __name__ == "__main__":
    main()

"""The doubles cannot drift into fiction: what the real libraries send them, and what they answer,
is checked against the official specs in ../shared/corpora/social-apis/.

- X: the OpenAPI 3 schemas of POST /2/tweets, GET /2/tweets, GET /2/users/me and
  GET /2/users/{id}/tweets (both spec files: the current one and the older "latest").
- Bluesky: the lexicons of createSession, createRecord (with app.bsky.feed.post, its facets and
  the external embed) and uploadBlob.
- Mastodon: the documented form parameters and headers of "Post a new status", and the
  documented attributes (and their types) of the Status entity, parsed from the Markdown docs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus
from doubles import BlueskyDouble, MastodonDouble, XDouble, channel_spec, environment
from doubles.lexicon import Lexicons
from openapi_schema_validator import OAS30Validator

from publisher.posts.model import LinkCard, Published, QueuedPost
from publisher.sending.channels.bluesky import BlueskyChannel
from publisher.sending.channels.mastodon import MastodonChannel
from publisher.sending.channels.x import XChannel

X_SPECS = ("openapi.json", "latest-openapi.json")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b1e85b0000000049454e44ae426082")


def post_for(network: str, image: Path | None = None) -> QueuedPost:
    link = "https://newsroom.clairval.example/articles/data?utm_source=" + network
    text = {"bluesky": "Où vivent vos données ? « Un choix » 🇫🇷 #Cloud newsroom.clairval.example/articles/data",
            }.get(network, f"Où vivent vos données ? « Un choix » 🇫🇷 #Cloud {link}")
    return QueuedPost(id=7, key=f"articles/data:{network}:launch", piece="articles/data", channel=network,
                      network=network, text=text, link=link, scheduled_at=dt.datetime.now(dt.UTC), lang="fr",
                      state="sending", card=LinkCard(url=link, title="Données", description="Où elles vivent.",
                                                     image=str(image) if image else None,
                                                     image_alt="Une carte de l’Europe et de ses centres de données"))


def run(double_cls: type, channel_cls: type, network: str, tmp_path: Path) -> Any:
    """Publish one post with a cover, read its metrics and reconcile it; return the double."""
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    double = double_cls().start()
    try:
        channel = channel_cls(network, channel_spec(network, timeout_seconds=5), environment(double))
        post = post_for(network, cover)
        out = channel.send(post)
        assert isinstance(out, Published), out
        double.tick()
        assert channel.fetch_metrics([out.remote_id])
        assert isinstance(channel.reconcile(post), Published)
    finally:
        double.stop()
    return double


# X ------------------------------------------------------------------------------------------------


@cache
def x_spec(name: str) -> dict[str, Any]:
    return json.loads(corpus("social-apis", "x-twitter", name).read_text(encoding="utf-8"))


def x_errors(spec: dict[str, Any], schema: dict[str, Any], value: Any) -> list[str]:
    validator = OAS30Validator({**schema, "components": spec["components"]})
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]


def x_operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def x_parameters(spec: dict[str, Any], op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    params = {}
    for p in op.get("parameters", []):
        if "$ref" in p:
            p = spec["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]
        params[p["name"]] = p
    return params


@pytest.fixture(scope="module")
def x_double(tmp_path_factory: pytest.TempPathFactory) -> XDouble:
    corpus("social-apis", "x-twitter")
    return run(XDouble, XChannel, "x", tmp_path_factory.mktemp("x"))


ROUTES = [("POST", "/2/tweets", "/2/tweets", "post", "201"), ("GET", "/2/tweets", "/2/tweets", "get", "200"),
          ("POST", "/2/media/upload", "/2/media/upload", "post", "200"),
          ("POST", "/2/media/metadata", "/2/media/metadata", "post", "200"),
          ("GET", "/2/users/me", "/2/users/me", "get", "200"),
          ("GET", "/2/users/2244994945/tweets", "/2/users/{id}/tweets", "get", "200")]


# The newest spec's MediaUploadResponse lists "meta" as required but never defines it (its properties
# are data and errors, like the older spec's); X's documented answer and the older spec have no meta.
SPEC_QUIRKS = {("latest-openapi.json", "/2/media/upload"): [": 'meta' is a required property"]}


@pytest.mark.parametrize("spec_name", X_SPECS)
@pytest.mark.parametrize(("method", "path", "spec_path", "verb", "status"), ROUTES)
def test_x_requests_and_answers_match_the_openapi_spec(x_double: XDouble, spec_name: str, method: str,
                                                       path: str, spec_path: str, verb: str, status: str) -> None:
    spec = x_spec(spec_name)
    op = x_operation(spec, spec_path, verb)
    exchanges = [(q, r) for q, r in x_double.replies if q.method == method and q.path == path]
    assert exchanges, f"tweepy never called {method} {path}"
    for request, reply in exchanges:
        assert str(reply.status) == status
        answer = op["responses"][status]["content"]["application/json"]["schema"]
        errors = x_errors(spec, answer, json.loads(reply.payload()))
        if (spec_name, spec_path) in SPEC_QUIRKS:
            errors = [e for e in errors if e not in SPEC_QUIRKS[spec_name, spec_path]]
        assert errors == []
        if method == "POST":
            body = op["requestBody"]["content"]["application/json"]["schema"]
            assert x_errors(spec, body, request.json) == []
        known = x_parameters(spec, op)
        for name, values in request.query.items():
            # X renamed tweet.fields to post.fields in its newest spec; tweepy sends tweet.fields.
            param = known.get(name) or known.get(name.replace("tweet.", "post."))
            assert param, f"{name} is not a parameter of {method} {spec_path} in {spec_name}"
            schema = param["schema"]
            value: Any = values[0].split(",") if schema.get("type") == "array" else values[0]
            if schema.get("type") == "integer":
                value = int(value)
            assert x_errors(spec, schema, value) == [], (name, value)


def test_x_media_goes_through_v2_upload_with_its_alt_text(x_double: XDouble) -> None:
    """v1.1 media/upload.json is retired: the cover goes to POST /2/media/upload as base64 JSON
    through tweepy's own session (OAuth 1.0a), its alt text to POST /2/media/metadata."""
    (upload,) = x_double.uploads
    assert upload.path == "/2/media/upload" and upload.header("authorization").startswith("OAuth ")
    assert upload.json["media_category"] == "tweet_image"
    (media_id, media), = x_double.media.items()
    assert media["bytes"] == PNG and media["alt_text"] == "Une carte de l’Europe et de ses centres de données"
    (create,) = [q for q in x_double.received("create")]
    assert create.json["media"]["media_ids"] == [media_id]
    assert not [q for q in x_double.requests if q.path.startswith("/1.1/")]


# Bluesky ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons(corpus("social-apis", "bluesky", "lexicons"))


@pytest.fixture(scope="module")
def bluesky_double(tmp_path_factory: pytest.TempPathFactory) -> BlueskyDouble:
    corpus("social-apis", "bluesky", "lexicons")
    return run(BlueskyDouble, BlueskyChannel, "bluesky", tmp_path_factory.mktemp("bsky"))


@pytest.mark.parametrize(("nsid", "request_part"), [
    ("com.atproto.server.createSession", "input"),
    ("com.atproto.repo.createRecord", "input"),
    ("com.atproto.repo.uploadBlob", None),
])
def test_bluesky_calls_match_the_lexicons(bluesky_double: BlueskyDouble, lexicons: Lexicons, nsid: str,
                                          request_part: str | None) -> None:
    exchanges = [(q, r) for q, r in bluesky_double.replies if q.path == f"/xrpc/{nsid}"]
    assert exchanges, f"the SDK never called {nsid}"
    for request, reply in exchanges:
        if request_part:
            assert lexicons.errors(request.json, nsid, request_part) == []
        assert lexicons.errors(json.loads(reply.payload()), nsid, "output") == []
        if nsid == "com.atproto.server.createSession":
            assert "didDoc" not in json.loads(reply.payload())  # else the SDK leaves the double


def test_bluesky_record_matches_the_post_lexicon(bluesky_double: BlueskyDouble, lexicons: Lexicons) -> None:
    (record,) = bluesky_double.posted()
    assert record["$type"] == "app.bsky.feed.post"
    assert lexicons.errors(record, "app.bsky.feed.post", "record") == []
    text = record["text"].encode("utf-8")
    shown = {f["features"][0]["$type"]: text[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode()
             for f in record["facets"]}
    assert shown == {"app.bsky.richtext.facet#tag": "#Cloud",
                     "app.bsky.richtext.facet#link": "newsroom.clairval.example/articles/data"}
    link = next(f["features"][0]["uri"] for f in record["facets"] if "uri" in f["features"][0])
    assert link.endswith("utm_source=bluesky")
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.external"
    assert embed["external"]["thumb"]["mimeType"] == "image/png"
    assert record["langs"] == ["fr"]


def test_bluesky_cover_as_an_image_embed_matches_the_lexicon(lexicons: Lexicons, tmp_path: Path) -> None:
    """With cover_image: true the cover goes as app.bsky.embed.images, whose alt is required."""
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    double = BlueskyDouble().start()
    try:
        channel = BlueskyChannel("bluesky", channel_spec("bluesky", timeout_seconds=5, cover_image=True),
                                 environment(double))
        assert isinstance(channel.send(post_for("bluesky", cover)), Published)
    finally:
        double.stop()
    (record,) = double.posted()
    assert lexicons.errors(record, "app.bsky.feed.post", "record") == []
    assert record["embed"]["$type"] == "app.bsky.embed.images"
    assert record["embed"]["images"][0]["alt"] == "Une carte de l’Europe et de ses centres de données"


def test_the_lexicon_check_catches_a_wrong_record(lexicons: Lexicons) -> None:
    """The validator itself must be able to fail: a record the lexicon forbids is reported."""
    bad = {"$type": "app.bsky.feed.post", "text": "x" * 301, "createdAt": "yesterday",
           "facets": [{"index": {"byteStart": "0"}, "features": [{"$type": "app.bsky.richtext.facet#tag"}]}],
           "embed": {"$type": "app.bsky.embed.external", "external": {"uri": "nope"}}}
    problems = " | ".join(lexicons.errors(bad, "app.bsky.feed.post", "record"))
    for expected in ("graphemes", "not a datetime", "byteEnd", "expected an integer", "'tag' missing",
                     "'title' missing", "not a valid uri"):
        assert expected in problems


# Mastodon -----------------------------------------------------------------------------------------


def mastodon_section(doc: str, heading: str) -> str:
    text = corpus("social-apis", "mastodon", doc).read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end > 0 else None]


def documented_parameters(section: str, kind: str) -> set[str]:
    block = section.split(f"##### {kind}", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^([A-Za-z_\[\]:-]+)\n: ", block, re.MULTILINE))


def documented_attributes() -> dict[str, str]:
    """Status attribute name -> its documented **Type:** line."""
    text = corpus("social-apis", "mastodon", "Status.md").read_text(encoding="utf-8")
    text = text.split("## Attributes", 1)[1].split("\n## Status::", 1)[0]
    found = {}
    for name, body in re.findall(r"^### `([a-z_]+)`.*?\n(.*?)(?=^### |\Z)", text, re.MULTILINE | re.DOTALL):
        found[name] = re.search(r"\*\*Type:\*\* (.*)", body).group(1)  # type: ignore[union-attr]
    return found


@pytest.fixture(scope="module")
def mastodon_double(tmp_path_factory: pytest.TempPathFactory) -> MastodonDouble:
    corpus("social-apis", "mastodon")
    return run(MastodonDouble, MastodonChannel, "mastodon", tmp_path_factory.mktemp("masto"))


def test_mastodon_status_post_sends_only_documented_parameters(mastodon_double: MastodonDouble) -> None:
    section = mastodon_section("statuses.md", "## Post a new status")
    params = documented_parameters(section, "Form data parameters")
    headers = documented_parameters(section, "Headers")
    assert {"status", "visibility", "language"} <= params and "Idempotency-Key" in headers
    (create,) = mastodon_double.received("create")
    assert set(create.form) <= params, set(create.form) - params
    assert create.form["status"] == [post_for("mastodon").text]
    assert create.form["language"] == ["fr"]
    assert create.header("idempotency-key") == post_for("mastodon").idempotency_key


def _type_ok(value: Any, documented: str) -> bool:
    if value is None:
        return "nullable" in documented
    if documented.startswith("Integer"):
        return isinstance(value, int) and not isinstance(value, bool)
    if documented.startswith("Boolean"):
        return isinstance(value, bool)
    if documented.startswith(("String", "{{<nullable>}} String")):
        return isinstance(value, str)
    if documented.startswith(("Array", "{{<nullable>}} Array")):
        return isinstance(value, list)
    return isinstance(value, dict)  # Hash, Account, Poll, PreviewCard...


def test_mastodon_status_has_documented_attributes_and_types(mastodon_double: MastodonDouble) -> None:
    attributes = documented_attributes()
    assert {"favourites_count", "reblogs_count", "replies_count", "quotes_count", "content"} <= set(attributes)
    views = [json.loads(r.payload()) for q, r in mastodon_double.replies if q.kind in ("create", "read")
             and q.path.startswith("/api/v1/statuses")]
    assert views
    for view in views:
        assert set(view) <= set(attributes), set(view) - set(attributes)
        for name, value in view.items():
            assert _type_ok(value, attributes[name]), (name, value, attributes[name])


def test_mastodon_cover_upload_is_documented_and_described(tmp_path: Path) -> None:
    """With cover_image: true the cover goes to POST /api/v2/media with its alt text as `description`;
    the double's attachment carries only MediaAttachment's documented attributes."""
    section = mastodon_section("media.md", "## Upload media as an attachment (async)")
    params = documented_parameters(section, "Form data parameters")
    assert {"file", "description"} <= params
    text = corpus("social-apis", "mastodon", "MediaAttachment.md").read_text(encoding="utf-8")
    attributes = set(re.findall(r"^### `([a-z_]+)`", text, re.MULTILINE))
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    double = MastodonDouble().start()
    try:
        channel = MastodonChannel("mastodon", channel_spec("mastodon", timeout_seconds=5, cover_image=True),
                                  environment(double))
        assert isinstance(channel.send(post_for("mastodon", cover)), Published)
    finally:
        double.stop()
    (upload,) = double.received("upload")
    names = set(re.findall(rb'name="([a-z_]+)"', upload.body))
    assert {n.decode() for n in names} <= params
    (media,) = double.media.values()
    assert media["description"] == "Une carte de l’Europe et de ses centres de données"
    (status,) = [json.loads(r.payload()) for q, r in double.replies if q.kind == "create"]
    (attachment,) = status["media_attachments"]
    assert set(attachment) <= attributes, set(attachment) - attributes


def test_mastodon_instance_endpoints_answer_with_and_without_slash(mastodon_double: MastodonDouble) -> None:
    assert mastodon_double._route("GET", "/api/v1/instance/") and mastodon_double._route("GET", "/api/v2/instance/")


@pytest.mark.parametrize("spec_name", X_SPECS)
def test_the_openapi_check_catches_a_wrong_answer(spec_name: str) -> None:
    spec = x_spec(spec_name)
    op = x_operation(spec, "/2/tweets", "post")
    answer = op["responses"]["201"]["content"]["application/json"]["schema"]
    assert x_errors(spec, answer, {"data": {"id": 123}})  # id must be a string, text is required
    body = op["requestBody"]["content"]["application/json"]["schema"]
    assert x_errors(spec, body, {"text": "hi", "reply": {"in_reply_to_tweet_id": 5}})

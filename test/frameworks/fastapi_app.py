"""POST /connect/v1/onboarding/entities on FastAPI + pydantic 1 + uvicorn, Debian's packages, written as FastAPI's
tutorial shows: a pydantic model per field of the spec, HTTPBearer security, the route returning the 201 body.

Started by test/frameworks/fastapi.ts as `python3 fastapi_app.py CONFIG TOKEN`: it binds 127.0.0.1 on a free port,
prints the port on its first line and serves until it is terminated. CONFIG `default` is the tutorial's set-up;
`strict` adds what the spec's contract needs (each addition says why).
"""

import enum
import json
import math
import re
import socket
import sys
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Optional

import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Extra, Field, StrictStr, constr

CONFIG, TOKEN = sys.argv[1], sys.argv[2]
STRICT = CONFIG == "strict"
ENDPOINT = "/connect/v1/onboarding/entities"
PRINCIPAL_ID = "5c1f8a2e-7b3d-4e6f-8a9b-0c1d2e3f4a5b"
DEFAULT_OWNER = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"


class EntityType(str, enum.Enum):
    Battery = "Battery"
    ChargePoint = "ChargePoint"
    EV = "EV"
    HeatPump = "HeatPump"
    SolarPlant = "SolarPlant"
    RetrofitMeter = "RetrofitMeter"
    Meter = "Meter"
    Inverter = "Inverter"


class EntityOnboardingRequest(BaseModel):
    """The tutorial's model: pydantic 1 coerces numbers to str, ignores unknown keys, reads uuids leniently, and
    makes `Optional[str]` without a default optional, so `brand` (required, nullable) is not required."""

    collectiveId: Optional[uuid.UUID] = None
    pairingCode: Optional[str] = None
    associatedEmail: Optional[str] = None
    brand: Optional[str]
    name: Optional[str] = None
    owner: Optional[uuid.UUID] = None
    properties: Any = None
    identifier: Optional[str] = None
    returnUrl: Optional[str] = None
    track: Optional[str] = None
    type: EntityType


# `format: uuid` as JSON Schema validators read it (ajv-formats' pattern): any 8-4-4-4-12 hex, any case.
AnyUuid = constr(strict=True, regex=r"(?i)^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\Z")


class StrictEntityOnboardingRequest(BaseModel):
    """strict: no coercion (StrictStr), unknown members refused (additionalProperties: false), `brand` required and
    nullable (Field(...)), uuids as the spec's format reads them and echoed as sent."""

    class Config:
        extra = Extra.forbid

    collectiveId: Optional[AnyUuid] = None  # type: ignore[valid-type]
    pairingCode: Optional[StrictStr] = None
    associatedEmail: Optional[StrictStr] = None
    brand: Optional[StrictStr] = Field(...)
    name: Optional[StrictStr] = None
    owner: Optional[AnyUuid] = None  # type: ignore[valid-type]
    properties: Any = None
    identifier: Optional[StrictStr] = None
    returnUrl: Optional[StrictStr] = None
    track: Optional[StrictStr] = None
    type: EntityType


def error_body(code: str, message: str) -> dict:
    return {"errors": [{"code": code, "message": message}]}


def created(request: BaseModel) -> dict:
    r = request.dict()
    kind = r["type"].value
    text = lambda v: None if v is None else str(v)  # uuid.UUID in the default model
    new_id = str(uuid.uuid4())
    return {
        "id": new_id,
        "created": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        "principalId": PRINCIPAL_ID,
        "requestType": "Entity",
        "status": "Pending",
        "action": {"type": "Consent", "documentationLink": None, "redirectLink": f"https://example.com/consent/{new_id}"},
        "returnUrl": r["returnUrl"],
        "errors": [],
        "data": {
            "entity": {
                "id": str(uuid.uuid4()),
                "collectiveId": text(r["collectiveId"]),
                "owner": text(r["owner"]) or DEFAULT_OWNER,
                "properties": r["properties"],
                "type": kind,
                "information": {
                    "type": kind,
                    "brand": r["brand"],
                    "identifier": r["identifier"],
                    "pairingCode": r["pairingCode"],
                    "associatedEmail": r["associatedEmail"],
                    "name": r["name"],
                    "track": r["track"],
                },
                "reference": {"brand": r["brand"], "type": None, "identifier": r["identifier"]},
                "systemProperties": None,
            }
        },
    }


# --- strict only -------------------------------------------------------------------------------------------------

DECLARED = re.compile(r"^(?:application/json|text/json|application/[^;\s/]+\+json)$")
MAX_DEPTH = 200  # RFC 8259 §9 lets a parser limit nesting; FastAPI's encoder recurses a few frames per level.


def depth(value: Any) -> int:
    deepest, stack = 0, [(value, 0)]
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(v, dict):
            stack.extend((c, d + 1) for c in v.values())
        elif isinstance(v, list):
            stack.extend((c, d + 1) for c in v)
    return deepest


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (RFC 8259 §6)")


def finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):  # RFC 8259 §6: a receiver may limit the range of numbers it accepts
        raise ValueError(f"{text} is out of the range of a double")
    return number


class StrictRequest(Request):
    """The body as RFC 8259 reads it: NaN and Infinity refused, nesting bounded, an object (FastAPI's documented way to change
    how a body is read: a Request subclass handed out by a custom APIRoute)."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                value = json.loads(await self.body(), parse_constant=refuse_constant, parse_float=finite)
            except (ValueError, RecursionError) as error:
                raise HTTPException(400, f"malformed JSON: {error}") from error
            if depth(value) > MAX_DEPTH:
                raise HTTPException(400, f"nested deeper than {MAX_DEPTH} levels")
            if not isinstance(value, dict):  # pydantic 1 makes an object of a list of pairs (dict())
                raise HTTPException(400, "the body is not a JSON object")
            self._json = value
        return self._json


class StrictRoute(APIRoute):
    """415 to what the spec does not declare (RFC 9110 §15.5.16, §8.4.1); text/json read as JSON, which FastAPI
    reads only for application/json and +json."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            if request.method == "POST":
                media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
                if not DECLARED.match(media):
                    raise HTTPException(415, f"{media or 'no media type'} is not a declared media type")
                coding = (request.headers.get("content-encoding") or "identity").strip().lower()
                if coding != "identity":
                    raise HTTPException(415, f"content coding {coding} is not supported")
                if media == "text/json":
                    request.scope["headers"] = [
                        (k, b"application/json" if k == b"content-type" else v) for k, v in request.scope["headers"]
                    ]
            return await handler(StrictRequest(request.scope, request.receive))

        return route


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: a lone surrogate from the request is echoed as its escape,
    which Starlette's UTF-8 encoding of the answer cannot write (RFC 8259 §7)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


BEARER = re.compile(r"^bearer +(\S+)\s*$", re.IGNORECASE)


def strict_bearer(request: Request) -> None:
    """RFC 6750 §2.1 and §3: one Authorization field with `Bearer <token>` (scheme in any case), else 401."""
    fields = request.headers.getlist("authorization")
    match = BEARER.match(fields[0]) if len(fields) == 1 else None
    if match is None or match.group(1) != TOKEN:
        raise HTTPException(401, "missing or invalid access token", headers={"WWW-Authenticate": "Bearer"})


# --- the app ---------------------------------------------------------------------------------------------------------

bearer = HTTPBearer()


def tutorial_bearer(credentials: HTTPAuthorizationCredentials = Depends(bearer)) -> None:
    if credentials.credentials != TOKEN:
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})


if STRICT:
    app = FastAPI(default_response_class=AsciiJSONResponse)
    app.router.route_class = StrictRoute

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> Response:
        return AsciiJSONResponse(error_body("ValidationFailed", str(error)), status_code=400)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> Response:
        return AsciiJSONResponse(error_body(str(error.status_code), str(error.detail)), error.status_code, error.headers)

    @app.post(ENDPOINT, status_code=201, dependencies=[Depends(strict_bearer)])
    def create_strict(request: StrictEntityOnboardingRequest) -> dict:
        return created(request)

else:
    app = FastAPI()

    @app.post(ENDPOINT, status_code=201, dependencies=[Depends(tutorial_bearer)])
    def create(request: EntityOnboardingRequest) -> dict:
        return created(request)


if __name__ == "__main__":
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections made before uvicorn accepts wait in the backlog instead of being refused
    print(sock.getsockname()[1], flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])

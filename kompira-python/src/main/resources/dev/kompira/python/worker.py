# The Python side of Kompira's Python libraries: one long-lived worker process that loads library
# sources and calls their functions for the engine. It reads requests from standard input and writes
# replies to standard output, each a 4-byte big-endian length followed by that many bytes of UTF-8
# JSON. Whatever the library code prints is captured per call and returned with the reply; file
# descriptors 0 and 1 are moved out of its way so that nothing it does can corrupt the protocol.
import base64
import datetime
import inspect
import io
import json
import math
import os
import struct
import sys
import traceback

OUTPUT_LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 65536


def _protocol_streams():
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return requests, replies


def _read_exactly(stream, n):
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


class Unencodable(Exception):
    pass


def encode(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {"$t": "float", "v": repr(value)}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$t": "dict", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (bytes, bytearray)):
        return {"$t": "bytes", "v": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return {"$t": "datetime", "v": aware.isoformat()}
    if isinstance(value, datetime.date):
        return {"$t": "date", "v": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"$t": "time", "v": value.replace(tzinfo=None).isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"$t": "timedelta", "days": value.days, "micros": value.seconds * 1000000 + value.microseconds}
    raise Unencodable(type(value).__name__)


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value["$t"]
    if tag == "dict":
        return {decode(k): decode(v) for k, v in value["v"]}
    if tag == "bytes":
        return base64.b64decode(value["v"])
    if tag == "float":
        return float(value["v"])
    if tag == "datetime":
        return datetime.datetime.fromisoformat(value["v"])
    if tag == "date":
        return datetime.date.fromisoformat(value["v"])
    if tag == "time":
        return datetime.time.fromisoformat(value["v"])
    if tag == "timedelta":
        return datetime.timedelta(days=value["days"], microseconds=value["micros"])
    raise ValueError("unknown value tag " + tag)


class Capture(io.TextIOBase):
    """What library code prints during one call, up to OUTPUT_LIMIT characters."""

    def __init__(self):
        self.parts = []
        self.kept = 0
        self.dropped = 0

    def writable(self):
        return True

    def write(self, text):
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self):
        out = "".join(self.parts)
        if self.dropped:
            out += "\n... (%d more characters not shown)\n" % self.dropped
        return out


modules = {}


def describe(error, path, located):
    """The error as $ERROR shows it, 'Type: message'; when located, with the library's line where it has one."""
    if isinstance(error, SyntaxError):
        # str() of a SyntaxError names only the last part of the file name; the library's path is whole
        return "%s: %s (%s, line %s)" % (type(error).__name__, error.msg, path, error.lineno)
    text = "%s: %s" % (type(error).__name__, error)
    if not located:
        return text
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
    return text + (" (%s, line %d)" % (path, lines[-1]) if lines else "")


def load(key, path, source):
    namespace = {"__name__": "kompira_library", "__file__": path, "__builtins__": __builtins__}
    code = compile(source, path, "exec")
    exec(code, namespace)
    modules[key] = namespace
    return namespace


def functions(namespace):
    return {name: value for name, value in namespace.items()
            if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == "kompira_library"}


def document(namespace):
    parts = []
    doc = namespace.get("__doc__")
    if doc:
        parts.append(inspect.cleandoc(doc))
    for name, fn in sorted(functions(namespace).items()):
        try:
            signature = str(inspect.signature(fn))
        except (TypeError, ValueError):
            signature = "(...)"
        entry = "def " + name + signature
        fn_doc = inspect.getdoc(fn)
        if fn_doc:
            entry += "\n" + "\n".join("    " + line for line in fn_doc.splitlines())
        parts.append(entry)
    return "\n\n".join(parts)


def handle(request):
    op = request["op"]
    key = request["key"]
    path = request["path"]
    if op == "load":
        try:
            namespace = load(key, path, request["source"])
        except BaseException as error:
            return {"ok": False, "error": describe(error, path, True), "trace": traceback.format_exc()}
        return {"ok": True, "functions": sorted(functions(namespace)), "doc": document(namespace)}
    if op == "call":
        capture = Capture()
        sys.stdout = sys.stderr = capture
        try:
            namespace = modules.get(key)
            if namespace is None:
                namespace = load(key, path, request["source"])
            fn = functions(namespace).get(request["fn"])
            if fn is None:
                raise AttributeError("library %s has no function '%s'" % (path, request["fn"]))
            result = fn(*decode(request["args"]), **{k: decode(v) for k, v in request["kwargs"].items()})
            try:
                value = encode(result)
            except Unencodable as kind:
                raise TypeError("%s() returned a %s, which a jobflow cannot hold (return None, bool, int, float,"
                                " str, bytes, list, tuple, dict or a datetime value)" % (request["fn"], kind)) from None
            return {"ok": True, "value": value, "out": capture.text()}
        except BaseException as error:
            return {"ok": False, "error": describe(error, path, False), "trace": traceback.format_exc(),
                    "out": capture.text()}
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    if op == "forget":
        modules.pop(key, None)
        return {"ok": True}
    return {"ok": False, "error": "unknown request " + op}


def send(replies, message):
    try:
        reply = json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, UnicodeError) as error:
        reply = json.dumps({"ok": False, "error": "%s: %s" % (type(error).__name__, error),
                            "out": message.get("out", "").encode("utf-8", "replace").decode("utf-8")}).encode("utf-8")
    replies.write(struct.pack(">I", len(reply)) + reply)


def main():
    requests, replies = _protocol_streams()
    send(replies, {"python": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable})
    while True:
        header = _read_exactly(requests, 4)
        if header is None:
            return
        body = _read_exactly(requests, struct.unpack(">I", header)[0])
        if body is None:
            return
        send(replies, handle(json.loads(body.decode("utf-8"))))


main()

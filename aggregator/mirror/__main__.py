"""`python -m aggregator.mirror serve|manifest`: a thin shell over the mirror library."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from aggregator.mirror.content import ContentError
from aggregator.mirror.manifest import load_manifest
from aggregator.mirror.render import ThemeError
from aggregator.mirror.server import serve_mirror
from aggregator.mirror.sites import DEFAULT_PORTS


def _pairs(values: list[str], what: str) -> dict[str, str]:
    """SOURCE=VALUE strings into a mapping; a malformed pair is a usage error."""
    out: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or not rest:
            raise SystemExit(f"error: {what} expects SOURCE=VALUE, got {value!r}")
        out[key.strip()] = rest.strip()
    return out


def _add_rendition_options(parser: argparse.ArgumentParser, verb: str) -> None:
    """--rendition and --day, the same for `serve` and `manifest`."""
    renditions = "main, legacy, redesign, moved or broken-listing"
    parser.add_argument(
        "--rendition", default="main", help=f"what to {verb}: {renditions} (default: main)"
    )
    parser.add_argument(
        "--day", type=int, default=1, choices=(1, 2), help=f"{verb} day 1 or the next (default: 1)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aggregator mirror", description=__doc__)
    parser.add_argument("--content-dir", type=Path, help="folder of <source>.toml content files")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the four sites on 127.0.0.1 until Ctrl-C")
    _add_rendition_options(serve, "serve")
    serve.add_argument("--port", action="append", default=[], metavar="SOURCE=PORT",
                       help="port of one source (0 = any free port); repeatable")  # fmt: skip
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--log-requests", action="store_true", help="log every request")
    manifest = sub.add_parser("manifest", help="print every article of the mirror as JSON")
    manifest.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="SOURCE=URL",
        help="base URL of one source (default: its mirror port)",
    )
    _add_rendition_options(manifest, "list")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "manifest":
            entries = load_manifest(_pairs(args.base_url, "--base-url"), args.content_dir,
                                    rendition=args.rendition, day=args.day)  # fmt: skip
            json.dump([e.to_dict() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        ports = {**DEFAULT_PORTS, **{k: int(v) for k, v in _pairs(args.port, "--port").items()}}
        with serve_mirror(args.rendition, ports, args.host, args.content_dir,
                          log_requests=args.log_requests, day=args.day) as base_urls:  # fmt: skip
            for key, url in base_urls.items():
                print(f"{key}\t{url}", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
    except BrokenPipeError:  # output piped into `head`
        return 0
    except (ContentError, ThemeError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``memolint`` command: ``check``, ``score`` and ``rule``.

This module only wires things together: it finds the files, works out each
file's configuration (the nearest config file, overridden by flags), lints
them with a :class:`~memolint.linter.Linter` and hands the reports to an
emitter. Everything heavy (spaCy, the readers, rich) is imported inside the
functions that need it, so ``memolint --help``, ``--version`` and
``memolint rule`` answer at once. Results for unchanged memos come from
:mod:`memolint.cache` before any of that is imported (``--no-cache`` skips it),
so re-checking an unchanged memo never loads spaCy.

Exit codes: 0 when no finding reaches ``--fail-on``, 1 when one does, 2 for
a usage error or any input that could not be read (reported, one line each,
after the rest of the batch has run).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from memolint.__about__ import __version__
from memolint.errors import MemolintError

if TYPE_CHECKING:
    from memolint.cache import Key, ReportCache
    from memolint.config import Config
    from memolint.emit import Run
    from memolint.linter import Linter
    from memolint.report import Report
    from memolint.rules.spec import RuleSpec

PROG = "memolint"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CHECK_FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")
SCORE_FORMATS = ("text", "json", "html")
FAIL_ON = ("error", "warning", "info", "never")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
STDIN = "-"
COMMANDS = ("check", "score", "rule")

DESCRIPTION = """\
Lint and score technical take-home memos (DOCX, PDF, Markdown, text).

  memolint check memos/             lint every memo under memos/
  memolint check memo.docx --format sarif -o memolint.sarif
  memolint score memo.pdf           the five rubric scores and the verdict
  memolint rule ML101               what a rule flags, why, and examples

`memolint FILE ...` is short for `memolint check FILE ...`.
"""


class UsageError(Exception):
    """A command-line mistake; printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block and exits; memolint promises one
    # line on stderr for every user error, so errors are raised instead.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _codes(value: str) -> list[str]:
    codes = [item.strip().upper() for item in value.split(",") if item.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected comma-separated rule codes or prefixes")
    return codes


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (one per CPU) or more")
    return number or (os.cpu_count() or 1)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (argparse only: it must build without importing anything heavy)."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--config",
        metavar="FILE",
        help="use this memolint.toml or pyproject.toml for every file "
        "(default: the nearest one above each checked file)",
    )
    color = common.add_mutually_exclusive_group()
    color.add_argument(
        "--color",
        dest="color",
        action="store_const",
        const=True,
        default=None,
        help="colour the output even when it is not a terminal",
    )
    color.add_argument(
        "--no-color",
        dest="color",
        action="store_const",
        const=False,
        help="never colour the output",
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks for errors")

    parser = _Parser(
        prog=PROG, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="lint memos and report findings",
        description="Lint memos and report findings. Exit status: 0 clean, 1 findings at or "
        "above --fail-on, 2 usage error or unreadable input.",
    )
    _add_inputs(check)
    check.add_argument(
        "--format", choices=CHECK_FORMATS, default="text", help="output format (default: text)"
    )
    _add_output(check)
    check.add_argument(
        "--select",
        metavar="CODES",
        type=_codes,
        action="append",
        help="only these rule codes or prefixes, comma-separated (replaces the "
        "configured selection; repeatable)",
    )
    check.add_argument(
        "--ignore",
        metavar="CODES",
        type=_codes,
        action="append",
        help="skip these rule codes or prefixes, comma-separated (added to the "
        "configured ignores; repeatable)",
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="lowest severity that makes the exit status 1 "
        "(default: from the configuration, else warning)",
    )
    check.add_argument(
        "--no-score",
        action="store_true",
        help="skip the rubric scores (faster); the verdict then rests on the findings",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="show the number of findings per rule instead of each finding",
    )
    check.add_argument(
        "--include-text", action="store_true", help="include each memo's full text in JSON output"
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the summary line, and nothing when the check passes",
    )

    score = commands.add_parser(
        "score",
        parents=[common],
        help="show the five rubric scores and the verdict",
        description="Show the rubric scores (escalation, silent failures, alignment, "
        "prioritization, conviction) with their evidence, then the verdict and its reasons. "
        "Exit status: 0, or 2 when a memo cannot be read.",
    )
    _add_inputs(score)
    score.add_argument(
        "--format", choices=SCORE_FORMATS, default="text", help="output format (default: text)"
    )
    _add_output(score)

    rule = commands.add_parser(
        "rule",
        parents=[common],
        help="list the rules, or explain one",
        description="Without CODE, list every rule. With CODE (or a rule name), print what the "
        "rule flags, why, its options and its examples.",
    )
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code such as ML101")
    rule.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="memo files or directories (searched recursively); - reads stdin",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name to report for the memo read from stdin (default: <stdin>)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="lint in N worker processes (0: one per CPU; default 1)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor store results in the cache of unchanged memos "
        "(kept in $MEMOLINT_CACHE_DIR or the user cache folder)",
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the output to FILE (atomically) instead of stdout",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        build_parser().print_help()
        return EXIT_ERROR
    if args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "check")  # `memolint memo.md` means `memolint check memo.md`
    debug = "--debug" in args_list
    try:
        args = build_parser().parse_args(args_list)
        if args.command == "rule":
            return run_rule(args)
        if args.command == "score":
            return run_score(args)
        return run_check(args)
    except SystemExit as exit:  # --help and --version
        return exit.code if isinstance(exit.code, int) else EXIT_OK
    except UsageError as error:
        return _fail(str(error))
    except MemolintError as error:
        if debug:
            _print_traceback(error)
        return _fail(str(error))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `memolint check ... | head`: the reader left; that is not an error.
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # a bug: still one line, unless --debug asks for more
        if debug:
            _print_traceback(error)
        return _fail(
            f"internal error ({type(error).__name__}: {error}); rerun with --debug for details"
        )


def _fail(message: str) -> int:
    # One line, always: a message from a parser or the OS may carry newlines.
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_ERROR


def _print_traceback(error: BaseException) -> None:
    import traceback

    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# -- check -------------------------------------------------------------------


@dataclass(slots=True)
class Overrides:
    """Command-line settings that win over every configuration file."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    score: bool | None = None

    def apply(self, config: Config) -> Config:
        return config.merged(
            select=self.select,
            ignore=(*config.ignore, *self.ignore) if self.ignore else None,
            fail_on=self.fail_on,
            score=self.score,
        )


@dataclass(slots=True)
class Checked:
    """The reports of one run, in input order, with each file's fail-on level."""

    reports: list[Report] = field(default_factory=list)
    fail_on: list[str] = field(default_factory=list)
    rules: list[RuleSpec] = field(default_factory=list)

    def failed(self) -> bool:
        for report, level in zip(self.reports, self.fail_on, strict=True):
            if level == "never" or report.error is not None:
                continue
            threshold = SEVERITY_RANK[level]
            if any(SEVERITY_RANK[finding.severity] >= threshold for finding in report.findings):
                return True
        return False

    @property
    def unreadable(self) -> bool:
        return any(report.error is not None for report in self.reports)


def run_check(args: argparse.Namespace) -> int:
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics works with --format text or json")
    overrides = Overrides(
        select=tuple(code for group in args.select for code in group) if args.select else None,
        ignore=tuple(code for group in args.ignore or () for code in group),
        fail_on=args.fail_on,
        score=False if args.no_score else None,
    )
    checked = lint_paths(args, overrides)
    run = _make_run(args, checked)
    run.statistics = args.statistics
    run.quiet = args.quiet
    run.include_text = args.include_text
    run.show_scores = not args.no_score
    run.failed = checked.failed()
    _write_output(args, run, args.format)
    if checked.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if run.failed else EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    checked = lint_paths(args, Overrides(score=True))
    run = _make_run(args, checked)
    _write_output(args, run, args.format, scorecard=True)
    return EXIT_ERROR if checked.unreadable else EXIT_OK


def _make_run(args: argparse.Namespace, checked: Checked) -> Run:
    from memolint.emit import Run

    return Run(reports=checked.reports, rules=checked.rules, color=args.color)


def lint_paths(args: argparse.Namespace, overrides: Overrides) -> Checked:
    """Discover, configure and lint every input; unreadable ones become error reports.

    Each memo is looked up in the result cache first; only the misses are
    handed to a :class:`~memolint.linter.Linter` (and its worker processes),
    and their results are stored for the next run.
    """
    from memolint.discover import discover
    from memolint.report import Report

    output = getattr(args, "output", None)
    found = discover(args.paths)
    if output:
        _refuse_overwriting_inputs(output, found.files)
    stdin_name = args.stdin_filename
    configs = _ConfigResolver(args.config, overrides)
    # Resolve every file's configuration first: a broken config file stops
    # the run before any memo is linted, with one line naming it.
    plan: list[tuple[str, Config]] = []
    for path in found.files:
        anchor = (stdin_name or os.getcwd()) if path == STDIN else path
        plan.append((path, configs.for_file(anchor)))
    checked = Checked()
    checked.rules = configs.known_rules()
    cache = _open_cache(args)
    stdin = _Stdin(stdin_name)
    results: dict[int, Report] = {}
    keys: dict[int, Key] = {}
    groups: dict[int, list[int]] = {}

    def done(index: int, report: Report) -> None:
        results[index] = report
        if cache is not None and index in keys:
            cache.put(keys[index], report)  # at once: an interrupted batch keeps what it did

    with _Progress(len(plan), enabled=not getattr(args, "quiet", False)) as progress:
        for index, (path, config) in enumerate(plan):
            key = None
            if cache is not None:
                if path == STDIN:
                    data = stdin.read(config.limits.max_bytes)
                    if data is not None:
                        key = cache.key_for_bytes(data, source=stdin.label, config=config)
                else:
                    key = cache.key_for_file(path, config=config)
            cached = cache.get(key) if cache is not None and key is not None else None
            if cached is not None:
                results[index] = cached
                progress.advance(cached.source)
                continue
            if key is not None:
                keys[index] = key
            groups.setdefault(id(config), []).append(index)
        # Linters only for what the cache did not hold: a run of hits never
        # imports the linter, the readers or spaCy.
        linters = {group: configs.linter(plan[indexes[0]][1]) for group, indexes in groups.items()}
        for group, indexes in groups.items():
            linter = linters[group]
            file_indexes = [index for index in indexes if plan[index][0] != STDIN]
            files = [plan[index][0] for index in file_indexes]
            for index in indexes:
                if plan[index][0] == STDIN:
                    done(index, _lint_stdin(linter, stdin, args.debug))
                    progress.advance()
            for index, report in zip(
                file_indexes, _lint_files(linter, files, args.jobs, args.debug), strict=True
            ):
                done(index, report)
                progress.advance(report.source)
    if cache is not None:
        cache.finish()
        if args.debug:
            _cache_note(
                f"{cache.hits} hit{'s' * (cache.hits != 1)}, {cache.misses} "
                f"miss{'es' * (cache.misses != 1)}, {cache.stored} stored in {cache.directory}"
            )
    for index, (_, config) in enumerate(plan):
        checked.reports.append(results[index])
        checked.fail_on.append(config.fail_on)
    for error in found.errors:
        checked.reports.append(Report(source=error.source or "", error=error))
        checked.fail_on.append("never")
    for report in checked.reports:
        if report.error is not None:
            if args.debug:
                _print_traceback(report.error)
            print(f"{PROG}: error: {_one_line(report)}", file=sys.stderr)
    return checked


def _open_cache(args: argparse.Namespace) -> ReportCache | None:
    if getattr(args, "no_cache", False):
        return None
    from memolint.cache import ReportCache

    return ReportCache.open(note=_cache_note if args.debug else None)


def _cache_note(message: str) -> None:
    print(f"{PROG}: cache: {message}", file=sys.stderr)


def _one_line(report: Report) -> str:
    text = str(report.error)
    if report.source and not text.startswith(report.source):
        text = f"{report.source}: {text}"
    return " ".join(text.split())


def _lint_files(linter: Linter, files: list[str], jobs: int, debug: bool) -> Any:
    if debug and jobs <= 1:
        # lint_many turns reader bugs into error reports; --debug wants them raised.
        from memolint.report import Report

        for path in files:
            try:
                yield linter.lint(path)
            except MemolintError as error:
                yield Report(source=path, error=error)
        return
    yield from linter.lint_many(files, jobs=jobs)


class _Stdin:
    """The memo on standard input, read once (the cache key and the lint both need it)."""

    def __init__(self, name: str | None) -> None:
        self.label = name or "<stdin>"
        #: Why standard input could not be read, if it could not.
        self.error: Exception | None = None
        self._data: bytes | None = None

    def read(self, limit: int) -> bytes | None:
        """Up to ``limit + 1`` bytes (one more shows the input is over the limit)."""
        if self._data is None and self.error is None:
            try:
                self._data = sys.stdin.buffer.read(limit + 1)
            except Exception as error:
                self.error = error
        return self._data


def _lint_stdin(linter: Linter, stdin: _Stdin, debug: bool) -> Report:
    from memolint.report import Report

    label = stdin.label
    try:
        data = stdin.read(linter.config.limits.max_bytes)
        if data is None:
            raise stdin.error or OSError("standard input could not be read")
        return linter.lint(data, name=label)
    except MemolintError as error:
        return Report(source=label, error=error)
    except Exception as error:
        if debug:
            raise
        from memolint.errors import CorruptDocument

        return Report(
            source=label,
            error=CorruptDocument(
                f"could not be read ({type(error).__name__}: {error})", source=label
            ),
        )


class _ConfigResolver:
    """Each file's configuration: ``--config``, or the nearest file above it; flags on top."""

    def __init__(self, explicit: str | None, overrides: Overrides) -> None:
        self.overrides = overrides
        self._by_file: dict[str | None, Config] = {}
        self._explicit: Config | None = None
        self._validated: set[int] = set()
        if explicit is not None:
            from memolint.config import load_config

            self._explicit = self._finish(load_config(explicit))

    def for_file(self, path: str) -> Config:
        if self._explicit is not None:
            return self._explicit
        from memolint.config import find_config_file, load_config

        file = find_config_file(path)
        key = str(file) if file else None
        if key not in self._by_file:
            from memolint.config import Config

            self._by_file[key] = self._finish(load_config(file) if file else Config())
        return self._by_file[key]

    def _finish(self, config: Config) -> Config:
        merged = self.overrides.apply(config)
        self._check_cli_codes(merged)
        return merged

    def _check_cli_codes(self, config: Config) -> None:
        # Catch a mistyped --select here so the message names the flag, not
        # a configuration file the user never touched.
        from memolint.rules import load_specs

        codes = [spec.code for spec in load_specs(config.rule_packs)]
        for flag, selectors in (
            ("--select", self.overrides.select or ()),
            ("--ignore", self.overrides.ignore),
        ):
            for selector in selectors:
                if selector != "ALL" and not any(code.startswith(selector) for code in codes):
                    raise UsageError(
                        f"{flag}: unknown rule code or prefix {selector!r} "
                        "(`memolint rule` lists the rules)"
                    )

    def linter(self, config: Config) -> Linter:
        from memolint.linter import Linter

        linter = Linter(config)
        linter.rules  # noqa: B018 - builds the rule set now, so a bad option fails the run early
        return linter

    def configs(self) -> list[Config]:
        if self._explicit is not None:
            return [self._explicit]
        return list(self._by_file.values())

    def known_rules(self) -> list[RuleSpec]:
        from memolint.rules import load_specs

        packs: list[str] = []
        for config in self.configs():
            packs.extend(pack for pack in config.rule_packs if pack not in packs)
        try:
            return load_specs(packs)
        except MemolintError:
            return load_specs()


def _refuse_overwriting_inputs(output: str, files: Sequence[str]) -> None:
    target = os.path.realpath(output)
    for path in files:
        if path != STDIN and os.path.realpath(path) == target:
            raise UsageError(
                f"--output {output} is one of the memos being checked; choose another file"
            )


class _Progress:
    """A progress bar on stderr for batches, only when stderr is a terminal."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 1 and sys.stderr.isatty()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("Checking memos", total=self.total)
        return self

    def advance(self, source: str | None = None) -> None:
        if self._progress is not None:
            description = f"Checked {Path(source).name}" if source else "Checking memos"
            self._progress.update(self._task, advance=1, description=description)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)


def _write_output(
    args: argparse.Namespace, run: Run, format: str, *, scorecard: bool = False
) -> None:
    from memolint.emit import emit

    def render(stream: TextIO) -> None:
        if scorecard and format == "text":
            from memolint.emit.text import write_scorecard

            write_scorecard(run, stream)
        else:
            emit(format, run, stream)

    if args.output:
        import io

        buffer = io.StringIO()
        if run.color is None:
            run.color = False  # a file is not a terminal; --color still forces it
        render(buffer)
        write_atomically(args.output, buffer.getvalue())
    else:
        render(sys.stdout)
        sys.stdout.flush()


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A reader (a CI upload step, a browser) never sees half a report, and an
    interrupted run leaves the previous file intact.
    """
    import tempfile

    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"--output {path}: directory {directory} does not exist")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below; renamed, not deleted
        "w",
        encoding="utf-8",
        dir=directory,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
        newline="",
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)
        os.replace(handle.name, target)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise UsageError(f"--output {path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


# -- rule --------------------------------------------------------------------


def run_rule(args: argparse.Namespace) -> int:
    specs = _rule_specs(args.config)
    if args.code is None:
        if args.format == "json":
            _print_json([rule_dict(spec) for spec in specs])
        else:
            _print_rule_table(specs, args.color)
        return EXIT_OK
    wanted = args.code.strip()
    spec = next(
        (item for item in specs if item.code == wanted.upper() or item.name == wanted.lower()),
        None,
    )
    if spec is None:
        raise UsageError(f"unknown rule {wanted!r} (`memolint rule` lists the rules)")
    if args.format == "json":
        _print_json(rule_dict(spec))
    else:
        sys.stdout.write(rule_text(spec))
    return EXIT_OK


def _rule_specs(config_path: str | None) -> list[RuleSpec]:
    from memolint.config import discover_config, load_config
    from memolint.rules import load_specs

    config = load_config(config_path) if config_path else discover_config(os.getcwd())
    return load_specs(config.rule_packs)


def rule_dict(spec: RuleSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "name": spec.name,
        "severity": spec.severity,
        "kind": spec.kind,
        "enabled": spec.enabled,
        "message": spec.message,
        "suggestion": spec.suggestion,
        "rationale": spec.rationale,
        "options": dict(spec.options),
        "examples": {"flag": list(spec.flag_examples), "ok": list(spec.ok_examples)},
        "path": spec.path,
    }


def summary_message(spec: RuleSpec) -> str:
    """The rule's message with its ``{placeholders}`` shown as an ellipsis."""
    import re

    return re.sub(r"\{[a-z_]+\}", "…", " ".join(spec.message.split()))


def rule_text(spec: RuleSpec) -> str:
    """The rule's own documentation, in ruff's ``rule`` layout (Markdown)."""
    lines = [
        f"# {spec.name} ({spec.code})",
        "",
        f"Severity: {spec.severity} · Kind: {spec.kind}"
        + ("" if spec.enabled else " · off by default (enable with --select)"),
        "",
        "## What it does",
        summary_message(spec),
    ]
    if spec.rationale:
        lines += ["", "## Why is this bad?", _paragraphs(spec.rationale)]
    if spec.suggestion:
        lines += ["", "## Instead", _paragraphs(spec.suggestion)]
    lines += ["", "## Options"]
    if spec.options:
        lines += [
            f"- `{key}` (default: {_toml_value(value)})" for key, value in spec.options.items()
        ]
        lines += ["", f"Set them under `[tool.memolint.rules.{spec.code}]`."]
    else:
        lines.append("None.")
    if spec.flag_examples:
        lines += ["", "## Example", "Flagged:", ""]
        lines += [f"    {example}" for example in spec.flag_examples]
    if spec.ok_examples:
        lines += ["", "Not flagged:", ""]
        lines += [f"    {example}" for example in spec.ok_examples]
    return "\n".join(lines) + "\n"


def _paragraphs(text: str) -> str:
    return "\n\n".join(" ".join(part.split()) for part in text.strip().split("\n\n"))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return str(value)


def _print_rule_table(specs: Sequence[RuleSpec], color: bool | None) -> None:
    from rich.table import Table
    from rich.text import Text

    from memolint.emit.text import SEVERITY_STYLES, make_console

    console = make_console(sys.stdout, color)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Message", overflow="fold")
    for spec in specs:
        table.add_row(
            Text(spec.code, style=SEVERITY_STYLES.get(spec.severity, "")),
            spec.name + ("" if spec.enabled else " (off)"),
            spec.severity,
            spec.kind,
            summary_message(spec),
        )
    console.print(table)


def _print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

#!/usr/bin/python3
"""Answer graph queries with real Alembic and write golden fixtures.

Usage (from the repository root):

    PYTHONHASHSEED=0 /usr/bin/python3 tools/conformance/alembic_oracle.py INPUT.json...

Each input is ``{"name", "revisions", "queries"}`` (see README.md). The output,
written to ``libs/migration/src/graph/__fixtures__/<name>.json``, is the input plus
``answers`` (one per query, same order) and, when building the map failed or
warned, ``buildError`` / ``buildWarnings``.

Answer shapes: an error is ``{"error": class, "message"[, "cause", "causeMessage"]}``
(``cause`` is what ScriptDirectory wrapped into its CommandError). getRevisions gives
ids, ``null`` for None and ``"base"`` where Alembic's walk returns that string.
upgrade/downgrade/stamp give ``{"steps", "changes", "heads"}``: ``changes`` holds one
list of ``["insert", v]`` / ``["delete", v]`` / ``["update", from, to]`` per step, and
``heads`` is the sorted final table, or null with ``maintainerError`` when Alembic's
HeadMaintainer failed.

Alembic iterates Python sets in a few places (``merge_branch_idents``,
``_normalize_depends_on``, ``_add_branches``), so a few answers depend on string
hash order (``PYTHONHASHSEED``) or on object addresses. To tell those apart from
real behaviour, every input is answered again by worker processes under other
hash seeds and with perturbed allocation; the answer of seed 0 is the canonical
one, and every query whose answer differed gets all observed answers under
``hashOrderVariants[<query index>]``. The Jest spec compares exactly where no
variant exists.
"""

import json
import os
import shutil
import subprocess
import sys
import types
import warnings

from alembic.runtime.migration import HeadMaintainer
from alembic.script import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(REPO, "libs", "migration", "src", "graph", "__fixtures__")
COMMAND_FIXTURES = os.path.join(REPO, "libs", "migration", "src", "commands", "__fixtures__")
SEEDS = range(8)


def _noop(**kw):
    return None


class FakeScript(Revision):
    """A Revision carrying the ``module`` that RevisionStep reads ``upgrade``/``downgrade`` from."""

    def __init__(self, spec):
        # Built the way alembic.script.base.Script builds itself from a module.
        self.module = types.SimpleNamespace(upgrade=_noop, downgrade=_noop)
        super().__init__(
            spec["revision"],
            _tuple_or_scalar(spec.get("downRevision")),
            branch_labels=_to_tuple(spec.get("branchLabels")),
            dependencies=_to_tuple(spec.get("dependsOn")),
        )


def _to_tuple(value):
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _tuple_or_scalar(value):
    return tuple(value) if isinstance(value, list) else value


class RecordingHeadMaintainer(HeadMaintainer):
    """HeadMaintainer without a database: the three row writers record instead of executing."""

    def __init__(self, heads):
        super().__init__(None, heads)
        self.changes = []

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)
        self.changes.append(["insert", version])

    def _delete_version(self, version):
        self.heads.remove(version)
        self.changes.append(["delete", version])

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)
        self.changes.append(["update", from_, to_])


def describe_error(exc):
    answer = {"error": type(exc).__name__, "message": _message(exc)}
    cause = exc.__cause__
    if cause is not None:
        answer["cause"] = type(cause).__name__
        answer["causeMessage"] = _message(cause)
    return answer


def _message(exc):
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc)


def rev_id(rev):
    """A Revision as its id; None (base) as null; Alembic's literal "base" marker as "base"."""
    if rev is None:
        return None
    if isinstance(rev, str):
        return rev
    return rev.revision


def make_script_directory(rmap):
    sd = object.__new__(ScriptDirectory)
    # revision_map is a plain attribute set in ScriptDirectory.__init__, which we skip
    # because it insists on a directory on disk.
    sd.__dict__["revision_map"] = rmap
    return sd


def apply_steps(heads, steps):
    """Replays steps through HeadMaintainer.update_to_step, as MigrationContext.run_migrations does.

    ``changes`` holds one list per step, so a reader can replay the version table.
    """
    hm = RecordingHeadMaintainer(heads)
    changes = []
    answer = {"changes": changes}
    for step in steps:
        hm.changes = []
        changes.append(hm.changes)
        try:
            hm.update_to_step(step)
        except Exception as exc:  # noqa: BLE001 - recorded as the answer
            answer["maintainerError"] = describe_error(exc)
            answer["heads"] = None
            return answer
    answer["heads"] = sorted(hm.heads)
    return answer


def answer_query(rmap, sd, q):
    kind = q["q"]
    if kind == "heads":
        return list(rmap.heads)
    if kind == "bases":
        return list(rmap.bases)
    if kind == "realHeads":
        return list(rmap._real_heads)
    if kind == "realBases":
        return list(rmap._real_bases)
    if kind == "getRevisions":
        ident = q["id"]
        if isinstance(ident, list):
            ident = tuple(ident)
        return [rev_id(r) for r in rmap.get_revisions(ident)]
    if kind == "getRevision":
        return rev_id(rmap.get_revision(q["id"]))
    if kind == "branchLabels":
        revs = [r for k, r in rmap._revision_map.items() if r is not None and k == r.revision]
        return {r.revision: sorted(r.branch_labels) for r in revs}
    if kind == "walk":
        return [r.revision for r in sd.walk_revisions(q["base"], q["head"])]
    if kind in ("upgrade", "downgrade"):
        current = tuple(q["current"])
        if kind == "upgrade":
            steps = sd._upgrade_revs(q["target"], current)
        else:
            steps = sd._downgrade_revs(q["target"], current)
        answer = {"steps": [s.revision.revision for s in steps]}
        answer.update(apply_steps(current, steps))
        return answer
    if kind == "stamp":
        current = tuple(q["current"])
        # command.stamp passes util.to_tuple(destination_revs).
        steps = sd._stamp_revs(tuple(q["targets"]), current)
        answer = {
            "steps": [
                {
                    "from": list(s.from_),
                    "to": list(s.to_),
                    "isUpgrade": s.is_upgrade,
                    "branchMove": s.branch_move,
                }
                for s in steps
            ]
        }
        answer.update(apply_steps(current, steps))
        return answer
    if kind == "iterate":
        revs = rmap.iterate_revisions(
            _ident(q["upper"]),
            _ident(q["lower"]),
            implicit_base=q.get("implicitBase", False),
            inclusive=q.get("inclusive", False),
            assert_relative_length=q.get("assertRelativeLength", True),
            select_for_downgrade=q.get("selectForDowngrade", False),
        )
        return [r.revision for r in revs]
    raise ValueError("unknown query %r" % kind)


def _ident(value):
    return tuple(value) if isinstance(value, list) else value


def answer_fixture(fixture, perturb):
    """Builds the map and answers every query; returns the answer part of a fixture."""
    keep_alive = []

    def generate():
        revs = []
        for spec in fixture["revisions"]:
            # Allocation noise moves object addresses, and so the iteration order of
            # sets of Revision objects (hashed by id()); seed 0 allocates none.
            keep_alive.extend(object() for _ in range(perturb * 7 + len(revs) % (perturb + 1)))
            revs.append(FakeScript(spec))
        return revs

    rmap = RevisionMap(generate)
    sd = make_script_directory(rmap)
    result = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            rmap._revision_map
        except Exception as exc:  # noqa: BLE001 - recorded as the answer
            result["buildError"] = describe_error(exc)
    build_warnings = [str(w.message) for w in caught]
    if build_warnings:
        result["buildWarnings"] = build_warnings
    if "buildError" in result:
        result["answers"] = []
        return result

    answers = []
    for q in fixture["queries"]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                answer = answer_query(rmap, sd, q)
            except Exception as exc:  # noqa: BLE001 - recorded as the answer
                answer = describe_error(exc)
        if caught and isinstance(answer, dict):
            answer["warnings"] = [str(w.message) for w in caught]
        answers.append(answer)
    result["answers"] = answers
    return result


def answer_commands(commands, revisions, perturb):
    """Runs the command queries on a migrations directory holding the revisions (alembic_commands.py)."""
    # Imported here, after every graph query is answered: it patches Alembic and allocates,
    # which would move the objects whose addresses a few graph answers depend on.
    import alembic_commands

    if not commands:
        return []
    alembic_commands.set_allocation_noise(perturb)
    root = alembic_commands.make_directory(revisions)
    try:
        with warnings.catch_warnings():
            # "downgrade -1 from multiple heads is ambiguous": the answer says what Alembic did.
            warnings.simplefilter("ignore")
            return [alembic_commands.answer_command(root, q) for q in commands]
    finally:
        shutil.rmtree(root)


def worker(seed, paths):
    out = {}
    for path in paths:
        with open(path) as f:
            fixture = json.load(f)
        out[fixture["name"]] = answer_fixture(fixture, seed)
    # The commands after every graph (see answer_commands).
    for path in paths:
        with open(path) as f:
            fixture = json.load(f)
        result = out[fixture["name"]]
        commands = [] if "buildError" in result else fixture.get("commands", [])
        result["commandAnswers"] = answer_commands(commands, fixture["revisions"], seed)
    json.dump(out, sys.stdout)


def main(paths):
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("run with PYTHONHASHSEED=0 so the canonical answers are reproducible")
    runs = {}
    pending = list(SEEDS)
    # One worker per core: each seed's run is independent.
    while pending:
        batch, pending = pending[: os.cpu_count() or 1], pending[os.cpu_count() or 1 :]
        procs = {
            seed: subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), "--worker", str(seed), *paths],
                env=dict(os.environ, PYTHONHASHSEED=str(seed)),
                stdout=subprocess.PIPE,
            )
            for seed in batch
        }
        for seed, proc in procs.items():
            out, _ = proc.communicate()
            if proc.returncode != 0:
                sys.exit("worker for hash seed %d failed" % seed)
            runs[seed] = json.loads(out)

    os.makedirs(FIXTURES, exist_ok=True)
    os.makedirs(COMMAND_FIXTURES, exist_ok=True)
    unstable_total = 0
    command_total = 0
    for path in paths:
        with open(path) as f:
            fixture = json.load(f)
        name = fixture["name"]
        canonical = runs[0][name]
        build_variants = []
        for s in SEEDS:
            error = runs[s][name].get("buildError")
            if error not in build_variants:
                build_variants.append(error)
        if len(build_variants) > 1 and None in build_variants:
            sys.exit("%s: whether the map builds depends on hash order" % name)
        variants = _variants(runs, name, "answers")
        out = {k: v for k, v in fixture.items() if k != "commands"}
        out["alembicVersion"] = _alembic_version()
        for key in ("buildError", "buildWarnings"):
            if key in canonical:
                out[key] = canonical[key]
        if len(build_variants) > 1:
            out["buildErrorVariants"] = build_variants
        out["answers"] = canonical["answers"]
        if variants:
            out["hashOrderVariants"] = variants
            unstable_total += len(variants)
        target = os.path.join(FIXTURES, name + ".json")
        with open(target, "w") as f:
            f.write(dump_fixture(out))
        if fixture.get("commands"):
            commands = {
                "name": name,
                "revisions": fixture["revisions"],
                "alembicVersion": out["alembicVersion"],
                "commands": fixture["commands"],
                "answers": canonical["commandAnswers"],
            }
            command_variants = _variants(runs, name, "commandAnswers")
            if command_variants:
                # Command runs allocate differently from one run to the next (Alembic reads files
                # and env.py), so seed 0's answer is not stable where answers vary: take the
                # first variant in a fixed order instead, so regenerating gives the same file.
                for i, seen in command_variants.items():
                    seen.sort(key=json.dumps)
                    commands["answers"][int(i)] = seen[0]
                commands["hashOrderVariants"] = command_variants
                unstable_total += len(command_variants)
            command_total += 1
            with open(os.path.join(COMMAND_FIXTURES, name + ".json"), "w") as f:
                f.write(dump_fixture(commands))
    print(
        "wrote %d graph fixtures to %s and %d command fixtures to %s (%d hash-order-dependent answers)"
        % (
            len(paths),
            os.path.relpath(FIXTURES, REPO),
            command_total,
            os.path.relpath(COMMAND_FIXTURES, REPO),
            unstable_total,
        )
    )


def _variants(runs, name, key):
    """Per answer index, every distinct answer the seeds gave, where they gave more than one."""
    variants = {}
    for i in range(len(runs[0][name][key])):
        seen = []
        for s in SEEDS:
            a = runs[s][name][key][i]
            if a not in seen:
                seen.append(a)
        if len(seen) > 1:
            variants[str(i)] = seen
    return variants


def dump_fixture(fixture):
    """JSON with one revision, query, answer or variant list per line, so diffs stay readable."""
    lines = ["{"]
    items = list(fixture.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(" %s: [" % json.dumps(key))
            lines.extend(
                "  %s%s" % (json.dumps(v), "," if i < len(value) - 1 else "") for i, v in enumerate(value)
            )
            lines.append(" ]" + comma)
        elif isinstance(value, dict) and value and key == "hashOrderVariants":
            lines.append(" %s: {" % json.dumps(key))
            entries = list(value.items())
            lines.extend(
                "  %s: %s%s" % (json.dumps(k), json.dumps(v), "," if i < len(entries) - 1 else "")
                for i, (k, v) in enumerate(entries)
            )
            lines.append(" }" + comma)
        else:
            lines.append(" %s: %s%s" % (json.dumps(key), json.dumps(value), comma))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _alembic_version():
    import alembic

    return alembic.__version__


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        worker(int(sys.argv[2]), sys.argv[3:])
    elif len(sys.argv) > 1:
        main(sys.argv[1:])
    else:
        sys.exit(__doc__)

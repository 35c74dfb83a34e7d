"""Answer command queries by running Alembic's real command functions.

Imported by ``alembic_oracle.py``. Where the graph queries ask ``RevisionMap`` and
``ScriptDirectory`` directly, these run ``alembic.command.show``, ``history``,
``stamp``, ``upgrade``, ``downgrade`` and ``merge`` the way the ``alembic`` CLI does:
on a migrations directory with one ``.py`` file per revision and ``env.py``, and,
online, on a SQLite database made for the query with the version table holding the
query's ``rows``, inserted in the order given. That is what shows what Alembic reads
from the database (``current``, the order of the rows), what it prints before an
error, and what it leaves in the table.

A command query is ``{"cmd", ...}``:

- ``{"cmd": "show", "rev", "rows"}`` and ``{"cmd": "history", "range", "rows"}``;
- ``{"cmd": "upgrade" | "downgrade", "target", "sql", "rows"}`` (``rows`` only online);
- ``{"cmd": "stamp", "revisions", "sql", "rows"}``;
- ``{"cmd": "merge", "revisions"}``.

The answer holds what happened, each key only where it applies:

- ``error``: ``{"error": class, "message"}`` when the command raised;
- ``printed``: the revisions ``show`` / ``history`` printed, in order;
- ``running``: the ``Running ...`` lines Alembic logged, one per step, in order, so an
  error after progress shows as an error with ``running`` lines;
- ``sqlSteps``: with ``--sql``, the ``-- Running ...`` comments of the script;
- ``rows``: the version table afterwards, sorted (online; also after an error, since
  Alembic on SQLite runs without a transaction and keeps what it did);
- ``downRevision``, ``branchLabels``: the revision ``merge`` wrote.

Online, Alembic reads the rows back in the order they were inserted (checked on every
query), so ``rows`` is also the order a relative downgrade sees.
"""

import io
import logging
import os
import shutil
import sqlite3
import sys
import tempfile

from alembic import command
from alembic.config import Config
from alembic.script.base import Script

# The file listing is os.listdir order; sorted names keep the fixture's revision order,
# which is the order our loader reads files in.
Script._list_py_dir = classmethod(lambda cls, scriptdir, path: sorted(os.listdir(path)))

ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine, pool

url = context.config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(url, poolclass=pool.NullPool).connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
'''

TEMPLATE = os.path.join(os.path.dirname(command.__file__), "templates", "generic", "script.py.mako")
MERGE_REV_ID = "feedfacecafe"
# SQLite syncs the file on every commit; in memory-backed /dev/shm that costs nothing, and
# thousands of small databases are made.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


def _literal(value):
    if value is None:
        return "None"
    if isinstance(value, str):
        return repr(value)
    return repr(tuple(value))


def make_directory(revisions):
    """A migrations directory with one file per revision, named so sorting keeps their order.

    Files carry no docstring, so Alembic's log lines are ``Running upgrade a -> b``.
    """
    root = tempfile.mkdtemp(prefix="alembic-conformance-", dir=SCRATCH)
    os.makedirs(os.path.join(root, "versions"))
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV_PY)
    shutil.copy(TEMPLATE, os.path.join(root, "script.py.mako"))
    for i, spec in enumerate(revisions):
        body = (
            "revision = %r\ndown_revision = %s\nbranch_labels = %s\ndepends_on = %s\n\n"
            "def upgrade():\n    pass\n\ndef downgrade():\n    pass\n"
            % (
                spec["revision"],
                _literal(spec.get("downRevision")),
                _literal(spec.get("branchLabels")),
                _literal(spec.get("dependsOn")),
            )
        )
        with open(os.path.join(root, "versions", "%04d_%s.py" % (i, spec["revision"])), "w") as f:
            f.write(body)
    return root


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__()
        self.running = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Running "):
            self.running.append(message[len("Running "):])


_recorder = _Recorder()
_logger = logging.getLogger("alembic")
_logger.addHandler(_recorder)
_logger.setLevel(logging.INFO)
_logger.propagate = False

_printed = []
_log_entry = Script.log_entry
_cmd_format = Script.cmd_format


def _recording_log_entry(self):
    _printed.append(self.revision)
    return _log_entry.fget(self)


def _recording_cmd_format(self, *args, **kwargs):
    _printed.append(self.revision)
    return _cmd_format(self, *args, **kwargs)


Script.log_entry = property(_recording_log_entry)
Script.cmd_format = _recording_cmd_format

# Allocation noise between revision files, as alembic_oracle.py adds to its graphs: Alembic
# iterates a few sets of Revision objects, which are hashed by address, so some answers depend
# on where the objects land. Each hash seed's worker allocates differently (seed 0: not at all).
_noise = {"per_file": 0, "kept": []}
_from_filename = Script._from_filename


def _noisy_from_filename(cls, scriptdir, dir_, filename):
    per_file = _noise["per_file"]
    _noise["kept"].extend(object() for _ in range(per_file * 7 + len(_noise["kept"]) % (per_file + 1)))
    return _from_filename.__func__(cls, scriptdir, dir_, filename)


Script._from_filename = classmethod(_noisy_from_filename)


def set_allocation_noise(seed):
    """Allocates `seed`-dependent junk before each revision file is read; 0 for none."""
    _noise["per_file"] = seed
    del _noise["kept"][:]


_read_heads = []
_get_current_heads = None


def _hook_current_heads():
    from alembic.runtime.migration import MigrationContext

    global _get_current_heads
    _get_current_heads = MigrationContext.get_current_heads

    def recording(self):
        heads = _get_current_heads(self)
        if not self.as_sql:
            _read_heads.append(list(heads))
        return heads

    MigrationContext.get_current_heads = recording


_hook_current_heads()


def _database(root, rows):
    path = os.path.join(root, "db-%d.sqlite" % len(os.listdir(root)))
    connection = sqlite3.connect(path)
    if rows is not None:
        connection.execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        for row in rows:
            connection.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (row,))
        connection.commit()
    connection.close()
    return path


def _rows(path):
    connection = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in connection.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.OperationalError:
        return []
    finally:
        connection.close()


def _describe(exc):
    message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return {"error": type(exc).__name__, "message": message}


def answer_command(root, q):
    """Runs one command query in the migrations directory ``root``; returns its answer."""
    cmd = q["cmd"]
    online = cmd in ("show", "history") or (cmd in ("upgrade", "downgrade", "stamp") and not q.get("sql"))
    workdir = root
    if cmd == "merge":
        # merge writes a file: give it a copy of the directory.
        workdir = tempfile.mkdtemp(prefix="alembic-merge-", dir=SCRATCH)
        shutil.copytree(root, workdir, dirs_exist_ok=True)
    database = _database(workdir, q.get("rows", [])) if online else os.path.join(workdir, "offline.sqlite")
    stdout = io.StringIO()
    config = Config(stdout=stdout)
    config.set_main_option("script_location", workdir)
    config.set_main_option("sqlalchemy.url", "sqlite:///" + database)

    del _printed[:]
    del _recorder.running[:]
    del _read_heads[:]
    real_stdout = sys.stdout
    sys.stdout = script = io.StringIO()
    answer = {}
    try:
        if cmd == "show":
            command.show(config, q["rev"])
        elif cmd == "history":
            command.history(config, q["range"])
        elif cmd == "upgrade":
            command.upgrade(config, q["target"], sql=q.get("sql", False))
        elif cmd == "downgrade":
            command.downgrade(config, q["target"], sql=q.get("sql", False))
        elif cmd == "stamp":
            command.stamp(config, q["revisions"], sql=q.get("sql", False))
        elif cmd == "merge":
            written = command.merge(config, q["revisions"], message="merged", rev_id=MERGE_REV_ID)
            down = written.down_revision
            answer["downRevision"] = list(down) if isinstance(down, tuple) else down
            answer["branchLabels"] = sorted(written.branch_labels)
        else:
            raise ValueError("unknown command %r" % cmd)
    except Exception as exc:  # noqa: BLE001 - recorded as the answer
        answer.update(_describe(exc))
    finally:
        sys.stdout = real_stdout
    if cmd in ("show", "history"):
        answer["printed"] = list(_printed)
    if online and _read_heads and _read_heads[0] != q.get("rows", []):
        # The fixtures rely on it: a query's rows are the order Alembic reads them in.
        raise AssertionError("Alembic read the rows %r, inserted as %r" % (_read_heads[0], q["rows"]))
    if cmd in ("upgrade", "downgrade", "stamp"):
        if q.get("sql"):
            answer["sqlSteps"] = [
                line[len("-- Running "):] for line in script.getvalue().splitlines() if line.startswith("-- Running ")
            ]
        else:
            answer["running"] = list(_recorder.running)
            answer["rows"] = _rows(database)
    if cmd == "merge":
        shutil.rmtree(workdir)
    return answer

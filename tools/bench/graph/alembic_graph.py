"""Times Alembic on the same history: load the script directory and answer heads,
history and an upgrade plan from base. Prints one JSON line of milliseconds."""
import json
import sys
import time

from alembic.script import ScriptDirectory


def main(directory):
    start = time.perf_counter()
    script = ScriptDirectory(directory)
    heads = script.get_heads()
    loaded = time.perf_counter()
    history = list(script.walk_revisions())
    walked = time.perf_counter()
    plan = script._upgrade_revs("heads", ())
    planned = time.perf_counter()
    assert len(history) == len(plan)
    print(json.dumps({
        "heads": len(heads),
        "loadMs": (loaded - start) * 1000,
        "historyMs": (walked - loaded) * 1000,
        "planMs": (planned - walked) * 1000,
        "totalMs": (planned - start) * 1000,
    }))


if __name__ == "__main__":
    main(sys.argv[1])

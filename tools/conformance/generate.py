#!/usr/bin/python3
"""Write the conformance inputs: named graphs, error graphs and seeded random DAGs.

Usage (from the repository root):

    /usr/bin/python3 tools/conformance/generate.py OUT_DIR

Writes one ``<name>.json`` per graph (``{"name", "revisions", "queries"}``) into
OUT_DIR (regenerate.sh uses a temporary directory). ``alembic_oracle.py`` then adds
Alembic's answers. Everything is derived from fixed seeds, so the output is the
same on every run.
"""

import json
import os
import random
import sys

RANDOM_GRAPHS = 40
RANDOM_SEED = 20240601


def rev(revision, down=None, depends=None, labels=None):
    return {"revision": revision, "downRevision": down, "dependsOn": depends, "branchLabels": labels}


# --------------------------------------------------------------------------- graphs


def named_graphs():
    """Hand-written topologies. Ids have at least four characters so prefixes resolve."""
    return {
        "empty": [],
        "single": [rev("solo1")],
        # 'delta' and 'deltoid' share the prefix 'delt', so it is ambiguous.
        "linear": [
            rev("alpha"),
            rev("bravo", "alpha"),
            rev("charlie", "bravo"),
            rev("delta", "charlie"),
            rev("deltoid", "delta"),
        ],
        # Listed out of topological order on purpose: Alembic breaks ties by file order.
        "linear-shuffled": [
            rev("charlie", "bravo"),
            rev("alpha"),
            rev("deltoid", "delta"),
            rev("bravo", "alpha"),
            rev("delta", "charlie"),
        ],
        # Two labelled branches off a branch point; 'hotfix' is declared mid-branch and
        # 'fix1c' and 'feat1b' inherit their branch's label.
        "labelled-branches": [
            rev("root0"),
            rev("trunk", "root0"),
            rev("feat1a", "trunk", labels="feature"),
            rev("feat1b", "feat1a"),
            rev("fix1a", "trunk", labels="bugfix"),
            rev("fix1b", "fix1a", labels="hotfix"),
            rev("fix1c", "fix1b"),
        ],
        # A labelled base: the label covers the whole trunk up to the branch point.
        "labelled-base-branches": [
            rev("main0", labels="main"),
            rev("main1", "main0"),
            rev("side1", "main1", labels=["side", "extra"]),
            rev("side2", "side1"),
            rev("main2", "main1"),
            rev("main3", "main2"),
        ],
        "diamond": [
            rev("base0"),
            rev("left1", "base0"),
            rev("right1", "base0"),
            rev("merge1", ["left1", "right1"]),
            rev("after1", "merge1"),
        ],
        "diamond-labelled": [
            rev("dbase"),
            rev("dleft", "dbase", labels="lefty"),
            rev("dright", "dbase", labels="righty"),
            rev("dmerge", ["dleft", "dright"]),
        ],
        # Two merge revisions that both merge the same two parents: two heads again.
        "criss-cross": [
            rev("cc00"),
            rev("cc0a", "cc00"),
            rev("cc0b", "cc00"),
            rev("mrg1", ["cc0a", "cc0b"]),
            rev("mrg2", ["cc0a", "cc0b"]),
        ],
        "criss-cross-merged": [
            rev("cc00"),
            rev("cc0a", "cc00"),
            rev("cc0b", "cc00"),
            rev("mrg1", ["cc0a", "cc0b"]),
            rev("mrg2", ["cc0b", "cc0a"]),
            rev("final", ["mrg1", "mrg2"]),
        ],
        "forest": [
            rev("tree1a", labels="one"),
            rev("tree1b", "tree1a"),
            rev("tree1c", "tree1b"),
            rev("tree2a", labels="two"),
            rev("tree2b", "tree2a"),
        ],
        # Dependencies across bases: by id ('users2') and by branch label ('users').
        "cross-branch-depends-on": [
            rev("users1", labels="users"),
            rev("users2", "users1"),
            rev("users3", "users2"),
            rev("orders1", labels="orders"),
            rev("orders2", "orders1", depends="users2"),
            rev("orders3", "orders2", depends="users"),
            rev("audit1", depends="users1", labels="audit"),
            rev("audit2", "audit1"),
        ],
        # A dependency that is already an ancestor through another dependency, and a
        # revision with several dependencies (Alembic normalises them through a set).
        "multi-dependency": [
            rev("core1"),
            rev("core2", "core1"),
            rev("core3", "core2"),
            rev("plug1", labels="plugin"),
            rev("plug2", "plug1", depends=["core2", "core1"]),
            rev("plug3", "plug2", depends=["core3", "core2"]),
            rev("misc1"),
            rev("misc2", "misc1", depends=["core3", "plug2", "core1"]),
        ],
        "three-way-merge": [
            rev("tw00"),
            rev("tw0a", "tw00"),
            rev("tw0b", "tw00"),
            rev("tw0c", "tw00"),
            rev("tw3m", ["tw0a", "tw0b", "tw0c"]),
            rev("tw4x", "tw3m"),
        ],
        # A dependency on a revision of the same branch, making it a real branch point.
        "dependency-branch-point": [
            rev("dp01"),
            rev("dp02", "dp01"),
            rev("dp03", "dp02"),
            rev("dp04", "dp01", depends="dp02", labels="dep"),
            rev("dp05", "dp04"),
        ],
        # Branch point with a merge on one side and a long chain on the other.
        "mixed": [
            rev("mx00"),
            rev("mx01", "mx00", labels="left"),
            rev("mx02", "mx00", labels="right"),
            rev("mx03", "mx01"),
            rev("mx04", "mx01"),
            rev("mx05", ["mx03", "mx04"]),
            rev("mx06", "mx02"),
            rev("mx07", "mx06"),
            rev("mx08", ["mx05", "mx07"]),
            rev("mx09", "mx08"),
            rev("mx10", "mx02"),
        ],
        # Past a merge: a line above a merge, a branch off that line, and a head beside them,
        # so relative downgrades from several rows cross the merge or stop before it.
        "past-merge": [
            rev("pm00"),
            rev("pm0a", "pm00", labels="left"),
            rev("pm0b", "pm00"),
            rev("pm1m", ["pm0a", "pm0b"]),
            rev("pm2a", "pm1m"),
            rev("pm3a", "pm2a"),
            rev("pm2b", "pm1m", labels="late"),
            rev("pm1c", "pm0b"),
        ],
    }


def error_graphs():
    return {
        "error-cycle-without-base": [rev("cyc1", "cyc3"), rev("cyc2", "cyc1"), rev("cyc3", "cyc2")],
        "error-cycle-beside-base": [
            rev("root"),
            rev("cyc1", "cyc3"),
            rev("cyc2", "cyc1"),
            rev("cyc3", "cyc2"),
            rev("tip1", "root"),
        ],
        "error-dependency-cycle": [rev("dc01", depends="dc02"), rev("dc02", "dc01")],
        "error-dependency-cycle-beside-base": [
            rev("dc00"),
            rev("dc01", "dc00", depends="dc03"),
            rev("dc02", "dc01"),
            rev("dc03", "dc02"),
        ],
        "error-self-loop": [rev("loop1"), rev("loop2", "loop2")],
        "error-self-loop-in-merge": [rev("loop1"), rev("loop2", ["loop1", "loop2"])],
        "error-dependency-self-loop": [rev("loop1"), rev("loop2", "loop1", depends="loop2")],
        "error-missing-parent": [rev("have1"), rev("have2", "gone1")],
        "error-missing-dependency": [rev("have1"), rev("have2", "have1", depends="gone1")],
        "error-duplicate-label": [
            rev("dup1", labels="same"),
            rev("dup2", "dup1"),
            rev("dup3", "dup1", labels="same"),
        ],
        "error-label-equals-revision": [rev("lab1"), rev("lab2", "lab1", labels="lab1")],
        "error-illegal-at": [rev("good1"), rev("bad@1", "good1")],
        "error-illegal-minus": [rev("good1"), rev("bad-1", "good1")],
        "error-illegal-plus": [rev("good1"), rev("bad+1", "good1")],
        "error-illegal-several": [rev("a@b-c+d")],
        "error-duplicate-revision": [rev("same1"), rev("next1", "same1"), rev("same1", "next1")],
    }


def hex_id(rng):
    return "%012x" % rng.getrandbits(48)


def random_graph(rng):
    n = rng.randint(5, 25)
    ids = []
    while len(ids) < n:
        candidate = hex_id(rng)
        if candidate not in ids:
            ids.append(candidate)
    # Give one pair a shared prefix of 4-7 characters so ambiguous prefixes exist.
    i, j = rng.sample(range(n), 2)
    shared = rng.randint(4, 7)
    ids[j] = ids[i][:shared] + ids[j][shared:]
    if ids[j] == ids[i]:
        ids[j] = ids[i][:-1] + ("0" if ids[i][-1] != "0" else "1")

    revs = []
    down_of = {}
    label_of = {}
    label_count = 0
    for k, rid in enumerate(ids):
        earlier = ids[:k]
        if k == 0 or rng.random() < 0.08:
            down = None
        else:
            heads = [r for r in earlier if not any(r in _as_list(down_of[c]) for c in earlier)]
            arity = 1 if rng.random() < 0.78 else (2 if rng.random() < 0.85 else 3)
            down = _pick_parents(rng, earlier, heads, down_of, arity)
        down_of[rid] = down
        depends = None
        if k > 1 and rng.random() < 0.2:
            targets = rng.sample(earlier, min(len(earlier), 1 if rng.random() < 0.7 else 2))
            targets = [t for t in targets if t not in _as_list(down)]
            refs = [label_of[t] if t in label_of and rng.random() < 0.5 else t for t in targets]
            if refs:
                depends = refs[0] if len(refs) == 1 else refs
        labels = None
        # A base, or a second child of its parent: where labels usually go.
        is_branch_start = down is None or (
            isinstance(down, str) and any(down_of[c] == down for c in earlier)
        )
        if rng.random() < (0.45 if is_branch_start else 0.08):
            label_count += 1
            labels = "br%d" % label_count
            label_of[rid] = labels
        revs.append(rev(rid, down, depends, labels))
    if rng.random() < 0.5:
        rng.shuffle(revs)
    return revs


def _as_list(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _pick_parents(rng, earlier, heads, down_of, arity):
    pool = heads if heads and rng.random() < 0.6 else earlier
    first = rng.choice(pool)
    if arity == 1:
        return first
    chosen = [first]
    for candidate in rng.sample(earlier, len(earlier)):
        if len(chosen) == arity:
            break
        # Merge only revisions unrelated by down-revisions, as `alembic merge` would.
        if all(
            candidate != c
            and candidate not in _down_ancestors(c, down_of)
            and c not in _down_ancestors(candidate, down_of)
            for c in chosen
        ):
            chosen.append(candidate)
    return chosen[0] if len(chosen) == 1 else chosen


def _down_ancestors(rid, down_of):
    seen = set()
    todo = list(_as_list(down_of[rid]))
    while todo:
        r = todo.pop()
        if r not in seen:
            seen.add(r)
            todo.extend(_as_list(down_of[r]))
    return seen


# --------------------------------------------------------------------------- queries


class Shape:
    """Just enough graph knowledge to pick meaningful query arguments."""

    def __init__(self, revisions):
        self.ids = [r["revision"] for r in revisions]
        self.labels = {}
        for r in revisions:
            for label in _as_list(r["branchLabels"]):
                self.labels[label] = r["revision"]
        self.down = {r["revision"]: _as_list(r["downRevision"]) for r in revisions}
        self.deps = {
            r["revision"]: [self.labels.get(d, d) for d in _as_list(r["dependsOn"])] for r in revisions
        }
        self.heads = [i for i in self.ids if not any(i in self.down[c] for c in self.ids)]
        self.bases = [i for i in self.ids if not self.down[i]]

    def ancestors(self, rid):
        """Ancestors through down-revisions and dependencies, excluding rid."""
        seen = set()
        todo = list(self.down[rid] + self.deps[rid])
        while todo:
            r = todo.pop()
            if r not in seen:
                seen.add(r)
                todo.extend(self.down[r] + self.deps[r])
        return seen

    def antichain(self, rng, size):
        """Revisions none of which is an ancestor of another: a legal version table."""
        chosen = []
        for r in rng.sample(self.ids, len(self.ids)):
            if len(chosen) == size:
                break
            if all(r not in self.ancestors(c) and c not in self.ancestors(r) for c in chosen):
                chosen.append(r)
        return sorted(chosen)

    def middle(self, rng):
        inner = [i for i in self.ids if i not in self.heads and i not in self.bases]
        return rng.choice(inner or self.ids)

    def shared_prefix(self):
        for a in self.ids:
            for b in self.ids:
                if a < b:
                    k = 0
                    while k < min(len(a), len(b)) and a[k] == b[k]:
                        k += 1
                    if k >= 4:
                        return a[:4]
        return None


def queries_for(revisions, rng):
    shape = Shape(revisions)
    q = []
    q += [{"q": "heads"}, {"q": "bases"}, {"q": "realHeads"}, {"q": "realBases"}, {"q": "branchLabels"}]
    if not shape.ids:
        q += [{"q": "getRevisions", "id": i} for i in ("head", "heads", "base", None, "-1", "+1")]
        q += [{"q": "getRevision", "id": i} for i in ("head", "heads", "base")]
        q += [{"q": "walk", "base": "base", "head": "heads"}]
        q += [{"q": "upgrade", "current": [], "target": t} for t in ("heads", "head", "+1")]
        q += [{"q": "downgrade", "current": [], "target": t} for t in ("base", "-1")]
        q += [{"q": "stamp", "current": [], "targets": t} for t in (["heads"], ["base"])]
        return q

    ids = shape.ids
    some = rng.sample(ids, min(len(ids), 10))
    mid = shape.middle(rng)
    labels = sorted(shape.labels)
    label = rng.choice(labels) if labels else None
    prefix = shape.shared_prefix()

    get = [*some, "head", "heads", "base", None, "+1", "-1", "-2", "head-1", "heads-1",
           "%s+2" % mid, "%s@head" % mid, "%s@heads" % mid, "%s@base" % mid, [ids[0], ids[-1]],
           mid[:4], mid[:6], mid[:3], "nonexistent1", "abc"]
    if prefix:
        get += [prefix, "%s@head" % prefix]
    for lab in labels[:3]:
        get += [lab, "%s@head" % lab, "%s@heads" % lab, "%s@base" % lab, "%s@+1" % lab,
                "%s@-1" % lab, "%s@%s" % (lab, mid), "%s@%s" % (lab, shape.labels[lab])]
    get += ["nosuchbranch@head"]
    q += [{"q": "getRevisions", "id": i} for i in get]

    one = ["head", "heads", "base", mid, mid[:5], "nonexistent1"] + (
        [label, "%s@head" % label] if label else []) + ([prefix] if prefix else [])
    q += [{"q": "getRevision", "id": i} for i in one]

    other = rng.choice(ids)
    q += [{"q": "walk", "base": b, "head": h} for b, h in [
        ("base", "heads"), ("base", "head"), ("base", mid), (mid, "heads"), (other, mid), (mid, other),
        ("heads", "base"), ("base", "nonexistent1")]]
    if label:
        q.append({"q": "walk", "base": "base", "head": "%s@head" % label})

    antichain = shape.antichain(rng, 2)
    currents = [[], [mid], antichain]
    if len(shape.heads) > 1:
        currents.append(sorted(rng.sample(shape.heads, 2)))
    currents = _unique(currents)
    up_targets = ["heads", "head", "+1", "+2", rng.choice(ids), "%s+1" % mid]
    if label:
        up_targets += ["%s@head" % label, "%s@+1" % label]
    for cur in currents:
        q += [{"q": "upgrade", "current": cur, "target": t} for t in up_targets]
    q.append({"q": "upgrade", "current": [mid], "target": "base"})
    # Prefixes and unknown names through the command layer, where errors are reworded.
    for target in [mid[:6], "nonexistent1"] + ([prefix] if prefix else []):
        q.append({"q": "upgrade", "current": [], "target": target})
    if prefix:
        q.append({"q": "walk", "base": "base", "head": prefix})
        q.append({"q": "downgrade", "current": sorted(shape.heads), "target": prefix})
        q.append({"q": "stamp", "current": [], "targets": [prefix]})

    down_currents = _unique([sorted(shape.heads), [mid], antichain])
    for cur in down_currents:
        anc = sorted(set().union(*(shape.ancestors(c) for c in cur)))
        down_targets = ["base", "-1", "-2", rng.choice(anc) if anc else "base", rng.choice(ids)]
        if label:
            down_targets += ["%s@-1" % label, "%s@base" % label]
        q += [{"q": "downgrade", "current": cur, "target": t} for t in down_targets]

    stamp_currents = _unique([[], sorted(shape.heads), [mid], antichain])
    stamp_targets = [[rng.choice(ids)], shape.antichain(rng, 2), ["base"], ["heads"], [mid, "base"]]
    if label:
        stamp_targets.append(["%s@head" % label])
    for cur in stamp_currents:
        q += [{"q": "stamp", "current": cur, "targets": t} for t in stamp_targets]

    for implicit in (False, True):
        for inclusive in (False, True):
            for downgrade in (False, True):
                q.append({"q": "iterate", "upper": "heads", "lower": "base", "implicitBase": implicit,
                          "inclusive": inclusive, "selectForDowngrade": downgrade})
    for downgrade in (False, True):
        q.append({"q": "iterate", "upper": "heads", "lower": mid, "implicitBase": False,
                  "inclusive": True, "selectForDowngrade": downgrade})
        q.append({"q": "iterate", "upper": list(antichain), "lower": mid, "implicitBase": True,
                  "inclusive": False, "selectForDowngrade": downgrade})
    return q


def _unique(lists):
    out = []
    for item in lists:
        if item not in out:
            out.append(item)
    return out


# --------------------------------------------------------------------------- commands


def commands_for(revisions, rng):
    """Command queries, answered by Alembic's command functions (alembic_commands.py).

    ``rows`` is the version table as the database holds it, in insertion order: Alembic reads
    it back in that order on SQLite, and a relative downgrade starts from the first row.
    """
    shape = Shape(revisions)
    c = []
    if not shape.ids:
        c += [{"cmd": "show", "rev": r, "rows": []} for r in ("current", "head", "-1")]
        c += [{"cmd": "history", "range": r, "rows": []} for r in ("current:", ":current", "current:heads")]
        c += [{"cmd": "upgrade", "target": t, "sql": True} for t in (":head", "base:head", "base:heads")]
        c += [{"cmd": "downgrade", "target": t, "sql": True} for t in ("head:base", "heads:base", "base:base")]
        c += [{"cmd": "stamp", "revisions": [t], "sql": True} for t in (":head", "base:head")]
        c += [{"cmd": "merge", "revisions": [r]} for r in ("heads", "base")]
        return c

    ids = shape.ids
    heads = shape.heads
    mid = shape.middle(rng)
    labels = sorted(shape.labels)
    label = rng.choice(labels) if labels else None
    merges = [i for i in ids if len(shape.down[i]) > 1]
    # Revisions above a merge: a downgrade from there walks down into it.
    past = [i for i in ids if any(m in shape.ancestors(i) for m in merges)]
    pair = shape.antichain(rng, 2)
    rng.shuffle(pair)
    triple = shape.antichain(rng, 3)
    rng.shuffle(triple)

    # 1. Relative steps from the rows, in several row orders: the first row decides.
    row_sets = [heads, list(reversed(heads)), pair, triple] + [[m] for m in merges[:1]]
    row_sets += rng.sample([[p] for p in past], min(len(past), 1))
    for rows in [rows for rows in _unique(row_sets) if rows]:
        targets = ["-1", "-2"] + (["-3"] if len(rows) > 1 else [])
        on_branch = [lab for lab in labels if any(r == shape.labels[lab] or shape.labels[lab] in shape.ancestors(r) for r in rows)]
        targets += ["%s@-1" % lab for lab in sorted(on_branch)[:1]]
        c += [{"cmd": "downgrade", "target": t, "rows": rows} for t in targets]
    c += [{"cmd": "upgrade", "target": t, "rows": pair} for t in ("+1", "heads") if pair]

    # 2. 'current' as an identifier: show and history read the rows.
    for rows in _unique([[], [mid], list(reversed(heads)), pair]):
        c.append({"cmd": "show", "rev": "current", "rows": rows})
        c += [{"cmd": "history", "range": r, "rows": rows} for r in ("current:", ":current", "current:heads")]
    c += [{"cmd": "history", "range": r, "rows": [mid]} for r in ("base:current", "current:current", "current:%s" % heads[0])]

    # 3. Stamps of several revisions, which the table may not be able to take.
    stamp_targets = _unique([pair, [mid, heads[0]], [mid, "base"], [ids[0], ids[-1]], rng.sample(ids, min(len(ids), 2))])
    stamp_targets = [t for t in stamp_targets if len(t) > 1]
    for rows in _unique([[], heads, pair]):
        c += [{"cmd": "stamp", "revisions": t, "rows": rows} for t in stamp_targets]
    for start in ("base", mid):
        c += [{"cmd": "stamp", "revisions": ["%s:%s" % (start, t) for t in targets], "sql": True}
              for targets in stamp_targets[:2]]

    # 4. merge of one revision, of none, and of several.
    merge_args = [["heads"], ["head"], [heads[0]], [mid], ["base"], [heads[0], heads[0]], heads[:2]]
    if label:
        merge_args.append(["%s@head" % label])
    c += [{"cmd": "merge", "revisions": m} for m in _unique(merge_args)]

    # 5. Relative steps past the base, and --sql ranges that start nowhere.
    show_revs = ["-1", "-2", "heads-1", "%s-1" % shape.bases[0], "%s-3" % mid] + (["%s@-1" % label] if label else [])
    c += [{"cmd": "show", "rev": r, "rows": []} for r in show_revs]
    c += [{"cmd": "upgrade", "target": t, "sql": True} for t in (
        ":head", "base:heads", "%s:heads" % mid, "base:", "%s:%s" % (shape.bases[0], mid))]
    c += [{"cmd": "downgrade", "target": t, "sql": True} for t in (
        "head:base", ":base", "%s:base" % mid, "%s:-1" % mid, "%s:%s" % (heads[0], mid))]
    c += [{"cmd": "stamp", "revisions": [t], "sql": True} for t in (":head", "base:head")]
    return c


# --------------------------------------------------------------------------- main


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    fixtures = []
    for name, revisions in named_graphs().items():
        fixtures.append((name, revisions, queries_for(revisions, random.Random(name)),
                         commands_for(revisions, random.Random("commands " + name))))
    for name, revisions in error_graphs().items():
        fixtures.append((name, revisions, [{"q": "heads"}], []))
    rng = random.Random(RANDOM_SEED)
    for k in range(1, RANDOM_GRAPHS + 1):
        revisions = random_graph(rng)
        name = "random-%02d" % k
        fixtures.append((name, revisions, queries_for(revisions, random.Random(name)),
                         commands_for(revisions, random.Random("commands " + name))))
    for name, revisions, queries, commands in fixtures:
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump({"name": name, "revisions": revisions, "queries": queries, "commands": commands}, f, indent=1)
            f.write("\n")
    total = sum(len(q) for _, _, q, _ in fixtures)
    total_commands = sum(len(c) for _, _, _, c in fixtures)
    print("wrote %d inputs (%d queries, %d commands) to %s" % (len(fixtures), total, total_commands, out_dir))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

"""The role × action table of apps/initiatives/rules.py, cell by cell, with sven (steward of
Södertörn) who must have no power in Oslo."""

import pytest
from django.contrib.auth.models import AnonymousUser

Y, N = True, False
ROLES = ["root", "stella", "nora", "bob", "mia", "vic", "anonymous", "olga", "lena", "tom", "sven"]
TABLE = {
    #                                  root stella nora bob mia vic anon olga lena tom sven
    "initiatives.view_initiative": [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    "initiatives.submit_initiative": [Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y],
    "initiatives.change_initiative": [Y, Y, Y, N, N, N, N, Y, Y, N, N],
    "initiatives.manage_team": [Y, Y, Y, N, N, N, N, Y, N, N, N],
    "initiatives.post_update": [Y, Y, Y, N, N, N, N, Y, Y, Y, N],
    "initiatives.add_image": [Y, Y, Y, N, N, N, N, Y, Y, Y, N],
    "initiatives.manage_permits": [Y, Y, Y, N, N, N, N, Y, Y, Y, N],
    "initiatives.follow": [Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y],
}


@pytest.fixture
def cast(request, root, stella, nora, bob, mia, vic, olga, lena, tom, sven):
    return {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "olga": olga,
        "lena": lena,
        "tom": tom,
        "sven": sven,
    }


CELLS = [
    (perm, role, allowed) for perm, row in TABLE.items() for role, allowed in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("perm", "role", "allowed"), CELLS, ids=[f"{p}-{r}" for p, r, _a in CELLS])
def test_cell(perm, role, allowed, cast, initiative, oslo):
    obj = oslo if perm == "initiatives.submit_initiative" else initiative
    assert cast[role].has_perm(perm, obj) is allowed


def test_the_docstring_table_matches(initiative):
    """The table in rules.py's docstring says the same as TABLE."""
    from apps.initiatives import rules

    doc = rules.__doc__ or ""
    for perm, row in TABLE.items():
        line = next(line for line in doc.splitlines() if line.startswith("|") and f"`{perm}`" in line)
        cells = [c.strip() for c in line.strip().strip("|").split("|")[1:]]
        # docstring columns: Su St NL Bo Me Vi An Ow PL TM SO — same order as ROLES
        assert [c == "✓" for c in cells] == row, perm


def test_a_team_role_in_one_initiative_gives_nothing_in_another(oslo, initiative, tom, mia):
    from apps.initiatives import services

    other = services.initiative_submit(hub=oslo, actor=mia, title="Another idea")
    assert not tom.has_perm("initiatives.post_update", other)
    assert tom.has_perm("initiatives.post_update", initiative)

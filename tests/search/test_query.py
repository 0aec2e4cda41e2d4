"""What the user types becomes a safe query for either database."""

from search.query import parse


def test_words_phrases_and_prefixes_become_both_databases_syntax():
    parsed = parse('carers "direct payments" assess*')
    assert parsed.postgres() == "carers & (direct <-> payments) & assess:*"
    assert parsed.fts5() == '"carers" "direct payments" "assess"*'


def test_nothing_typed_reaches_the_query_syntax():
    """Only letters and digits pass; the operators in the output are our own."""
    parsed = parse("a&b | !c:* ) ( ' \" <-> NEAR(x) -- ;DROP")
    assert parsed.postgres() == "(a <-> b) & c:* & (near <-> x) & drop"
    # Inside FTS5's quotes every word is literal text (NEAR is not an operator there).
    assert parsed.fts5() == '"a b" "c"* "NEAR x" "DROP"'
    assert parse("  ***  ").terms == ()
    assert not parse("")


def test_a_hyphenated_word_is_its_parts_in_order():
    assert parse("follow-up").postgres() == "(follow <-> up)"
    assert parse("follow-up").fts5() == '"follow up"'


def test_at_most_twelve_terms_are_kept():
    assert len(parse(" ".join(f"w{n}" for n in range(40))).terms) == 12

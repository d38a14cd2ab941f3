"""The helpers every column table shares: integer columns narrowed, and the places of a column's values."""

import pickle
import pytest
from array import array

from subpipe.columns import Places, grown, is_count, narrowed


def test_places_number_values_as_first_seen_and_give_them_back():
    places = Places()
    column = [places.place(value) for value in ["。", "？", None, "。", "", None, "？"]]
    assert column == [0, 1, 2, 0, 3, 2, 1]
    assert [places[place] for place in column] == ["。", "？", None, "。", "", None, "？"]
    assert list(places) == ["。", "？", None, ""] and len(places) == 4


def test_places_tell_equal_values_of_other_types_apart():
    # 1, True and 1.0 are equal and hash alike; each reads back as the type it was given.
    places = Places()
    assert [places.place(value) for value in (1, True, 1.0, True)] == [0, 1, 2, 1]
    assert [type(places[n]) for n in range(3)] == [int, bool, float]


def test_places_pickle_with_their_numbering():
    places = Places(["host", None, "zoe"])
    again = pickle.loads(pickle.dumps(places))
    assert list(again) == ["host", None, "zoe"] and again.place("zoe") == 2 and again.place("new") == 3


def test_places_of_many_values_stay_distinct():
    places = Places()
    assert [places.place(f"说话人 {n}") for n in range(5000)] == list(range(5000))
    assert places.place("说话人 4321") == 4321


def test_narrowed_keeps_eight_bytes_only_where_a_value_needs_them():
    assert narrowed(array("q", [0, 2**15 - 1, -(2**15)])).typecode == "h"
    assert narrowed(array("q", [0, 2**15])).typecode == "i" and narrowed(array("q", [-(2**15) - 1])).typecode == "i"
    assert narrowed(array("q", [0, 2**31 - 1, -(2**31)])).typecode == "i"
    assert narrowed(array("q", [2**31])).typecode == "q" and narrowed(array("q")).typecode == "h"
    assert list(narrowed(array("q", [5, -3]))) == [5, -3]


def test_a_count_is_a_plain_non_negative_int():
    assert is_count(0) and is_count(2**61)
    assert not any(map(is_count, (-1, True, 1.0, 2**62, "3", None)))


def test_grown_widens_a_column_only_when_a_value_does_not_fit():
    column = array("h")
    for value in (1, -(2**15)):
        column = grown(column, value)
    assert column.typecode == "h"
    column = grown(column, 2**15)
    assert column.typecode == "i" and list(column) == [1, -(2**15), 2**15]
    column = grown(column, -(2**31) - 1)  # past 4 bytes, below zero
    assert column.typecode == "q" and list(column)[-1] == -(2**31) - 1
    column = grown(array("h", [7]), 2**40)  # past 4 bytes at once
    assert column.typecode == "q" and list(column) == [7, 2**40]
    with pytest.raises(OverflowError):
        grown(column, 2**63)

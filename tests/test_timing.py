from subpipe.model import Line, TimingMethod
from subpipe.settings import TimingSettings
from subpipe.timing.estimate import max_chunk_width, speaking_ms, time_lines

T = TimingSettings()


def flat(spans):
    return [span for line in spans for span in line]


def test_untimed_lines_run_on_at_the_speaking_rate():
    lines = [Line(1, "一" * 9), Line(2, "二" * 2)]
    spans, method = time_lines(lines, [[9.0], [2.0]], T)
    assert method is TimingMethod.ESTIMATED
    first, second = flat(spans)
    assert (first.start_ms, first.end_ms) == (0, 2000)  # 9 characters at 4.5 a second
    assert second.start_ms == 2000 + T.min_gap_ms
    assert second.end_ms - second.start_ms == T.min_duration_ms  # a short line still stays up 833 ms


def test_durations_are_clamped():
    assert speaking_ms(100, T) == T.max_duration_ms
    assert speaking_ms(0.5, T) == T.min_duration_ms
    assert max_chunk_width(T) * 1000 / T.chars_per_second <= T.max_duration_ms + 1


def test_input_times_are_kept_and_split_between_cues_with_a_gap():
    lines = [Line(3, "x", 1000, 5000), Line(7, "y", 6000, 7000)]
    spans, method = time_lines(lines, [[8.0, 8.0], [3.0]], T)
    assert method is TimingMethod.INPUT
    a, b, c = flat(spans)
    assert a.start_ms == 1000 and b.end_ms == 5000
    assert b.start_ms - a.end_ms == T.min_gap_ms
    assert (c.start_ms, c.end_ms) == (6000, 7000)


def test_start_only_lines_share_time_up_to_the_next_start():
    lines = [Line(1, "a", 0), Line(2, "b"), Line(3, "c", 4000)]
    spans, method = time_lines(lines, [[9.0], [9.0], [9.0]], T)
    assert method is TimingMethod.ESTIMATED  # line 2 had no time of its own
    a, b, c = flat(spans)
    assert a.start_ms == 0 and a.end_ms < b.start_ms and b.end_ms <= 4000 - T.min_gap_ms
    assert c.start_ms == 4000
    assert c.end_ms - c.start_ms == 2000


def test_lines_before_the_first_timestamp_fit_before_it():
    lines = [Line(1, "a"), Line(2, "b", 10_000)]
    spans, _ = time_lines(lines, [[9.0], [9.0]], T)
    a, b = flat(spans)
    assert a.end_ms < b.start_ms == 10_000


def test_estimated_cues_never_overlap_and_keep_the_gap():
    widths = [[float(n % 31 + 1)] * (n % 3 + 1) for n in range(50)]
    lines = [Line(n + 1, "x") for n in range(50)]
    spans, _ = time_lines(lines, widths, T)
    cues = flat(spans)
    for before, after in zip(cues, cues[1:]):
        assert after.start_ms - before.end_ms >= T.min_gap_ms
    for cue in cues:
        assert T.min_duration_ms <= cue.end_ms - cue.start_ms <= T.max_duration_ms


def test_times_that_overlap_or_run_backwards_never_give_a_cue_ending_before_it_starts():
    lines = [Line(1, "a", 0, 5000), Line(2, "b"), Line(3, "c", 3000, 6000)]
    spans, _ = time_lines(lines, [[9.0], [9.0, 9.0, 9.0], [9.0]], T)
    for span in flat(spans):
        assert span.end_ms > span.start_ms
    tiny, _ = time_lines([Line(1, "x", 1000, 1002)], [[5.0, 5.0, 5.0]], T)
    assert all(span.end_ms > span.start_ms for span in flat(tiny))


def test_width_rows_read_back_each_line_s_widths_exactly():
    from subpipe.timing.rows import WidthRows

    rows = [[0.1 + 0.2, 3.0], [], [7], [1e-9, 2.5, 12.25]]
    table = WidthRows(iter(rows))  # made from what is read once, as the cue maker hands it
    assert len(table) == 4
    assert [list(row) for row in table] == rows
    assert list(table[-1]) == rows[-1] and not table[1]
    assert table[0][0] == 0.1 + 0.2  # the same double, not a rounding of it


def test_span_columns_say_when_every_line_is_laid():
    from subpipe.timing.estimate import Span
    from subpipe.timing.rows import SpanColumns

    laid = SpanColumns(2)
    laid[1] = Span(500, 900)
    assert not laid.laid() and laid[1] == (500, 900)
    laid[0] = Span(0, 400)
    assert laid.laid() and len(laid) == 2


def test_line_shares_are_made_as_read_and_equal_each_time():
    # Each line's cues share its span when the line is read; reading a line again gives equal spans, and
    # a line read out of order is what it is in order.
    lines = [Line(1, "一" * 30), Line(2, "二" * 4), Line(3, "三" * 12, 9000)]
    widths = [[12.0, 10.0, 8.0], [4.0], [6.0, 6.0]]
    shares, _ = time_lines(lines, widths, T)
    in_order = [list(line) for line in shares]
    assert [len(line) for line in in_order] == [3, 1, 2]
    assert shares[2] == in_order[2] and shares[0] == in_order[0] and shares[-2] == in_order[1]
    assert in_order[2][0].start_ms == 9000  # the timed line keeps its start


def test_room_widths_are_read_once_in_order():
    # The bilingual cues' widths come as a generator: the lines they belong to still last long enough.
    lines = [Line(1, "一" * 3), Line(2, "二" * 3)]
    own, _ = time_lines(lines, [[3.0], [3.0]], T)
    roomy, _ = time_lines(lines, [[3.0], [3.0]], T, room_widths=(row for row in [[3.0, 3.0, 3.0], [3.0]]))
    assert roomy[0][0].end_ms - roomy[0][0].start_ms > own[0][0].end_ms - own[0][0].start_ms
    assert roomy[1][0].end_ms - roomy[1][0].start_ms == own[1][0].end_ms - own[1][0].start_ms

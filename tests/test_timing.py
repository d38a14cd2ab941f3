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

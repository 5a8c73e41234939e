"""The tooth chart shows the arches facing the patient, numbered FDI or Universal."""

from ortho_app.ui.tooth_chart import chart_rows


def test_fdi_chart_reads_from_the_patients_right_molar_to_left_molar():
    upper, lower = chart_rows("FDI")
    assert [n for n, _ in upper] == [18, 17, 16, 15, 14, 13, 12, 11,
                                     21, 22, 23, 24, 25, 26, 27, 28]
    assert [n for n, _ in lower] == [48, 47, 46, 45, 44, 43, 42, 41,
                                     31, 32, 33, 34, 35, 36, 37, 38]
    assert all(label == str(n) for row in (upper, lower) for n, label in row)


def test_universal_chart_counts_1_to_16_on_top_and_17_to_32_below():
    upper, lower = chart_rows("Universal")
    assert [label for _, label in upper] == [str(i) for i in range(1, 17)]
    assert [label for _, label in lower] == [str(i) for i in range(32, 16, -1)]

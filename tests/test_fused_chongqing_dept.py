

def test_an_ocr_slipped_label_still_opens_the_form() -> None:
    """``主管部n`` (门 OCR'd as n) is still the 主管部门 label: the title before it opens a form."""
    from extractor.layouts.fused.scan import scan

    text = ("某县林业局2023年度部门整体绩效自评表主管部n某县林业局部n联系人王丽自评总分(分)95"
            "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明森林火灾受害率%0.9100.510")
    forms = scan(text)
    assert len(forms) == 1 and forms[0].title is not None
    assert text[slice(*forms[0].title)] == "某县林业局2023年度部门整体绩效自评表"
    assert ("department", ) == tuple(f for f, _ in forms[0].labels if f == "department")


def test_the_ocr_print_interleaves_goal_columns_and_slips_labels() -> None:
    import random

    from tests.synth.messify.ocr_print import interleave_goals, slip_labels

    rows = [["主管部门", "某局", "部门联系人", "王丽"], ["年初目标甲乙丙丁戊", "", "完成情况子丑寅卯", ""]]
    slip_labels(rows[:1], random.Random(1), 1.0)
    assert rows[0] == ["主管部n", "某局", "部n联系人", "王丽"]
    interleave_goals(rows, 1, random.Random(2))
    text = rows[1][0]
    assert sorted(text) == sorted("年初目标甲乙丙丁戊完成情况子丑寅卯") and rows[1][1:] == ["", "", ""]

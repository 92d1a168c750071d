"""Answers are stored as safe HTML; each channel gets what it can show or say."""

from gateway import formatting

ANSWER = "<p>为您推荐：</p><ul><li>灯罩 (CNY 59.00)</li><li>Floor &amp; lamp</li></ul>"


def test_sms_and_wechat_get_plain_text_with_list_lines():
    assert formatting.for_sms(ANSWER) == "为您推荐：\n- 灯罩 (CNY 59.00)\n- Floor & lamp"
    assert formatting.for_wechat("a<br>b") == "a\nb"


def test_speech_reads_lists_as_pauses():
    assert formatting.for_speech(ANSWER) == "为您推荐：; 灯罩 (CNY 59.00); Floor & lamp"


def test_long_answers_are_cut_within_the_channels_limit():
    long = "很" * 5000
    assert len(formatting.for_sms(long)) == formatting.SMS_LIMIT
    assert formatting.for_sms(long).endswith("…")
    assert len(formatting.for_speech(long)) == formatting.SPEECH_LIMIT

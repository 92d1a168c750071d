"""Synonyms of the demo knowledge base: customers' words mapped onto the words its questions
use (admin → Knowledge → Dictionary terms and synonyms). ``demo.seed`` stores them as
``DictionaryTerm`` rows; training reads them from there like any shop's own.

Kept to words with one meaning in a shop's customer service: "package" is always the parcel,
"edit" always a change. Plain data, importable without Django.
"""

from __future__ import annotations

# customer's word → the knowledge base's word
DEMO_SYNONYMS: dict[str, str] = {
    # English
    "package": "parcel",
    "packages": "parcel",
    "shipment": "parcel",
    "voucher": "coupon",
    "vouchers": "coupon",
    "promo": "coupon",
    "guarantee": "warranty",
    "instalment": "installment",
    "instalments": "installment",
    "colour": "color",
    "street": "address",
    "mobile": "phone",
    "cellphone": "phone",
    "taipei": "taiwan",
    "macao": "macau",
    "postage": "shipping",
    "modify": "change",
    "edit": "change",
    "update": "change",
    "amend": "change",
    "alter": "change",
    "broken": "damaged",
    "smashed": "damaged",
    "cracked": "damaged",
    "crushed": "damaged",
    "faulty": "defective",
    "declined": "fail",
    "incorrect": "wrong",
    "swap": "exchange",
    "withdraw": "cancel",
    # Chinese
    "邮费": "运费",
    "快递费": "运费",
    "快递小哥": "快递员",
    "送货员": "快递员",
    "派件员": "快递员",
    "快递师傅": "快递员",
    "送货师傅": "快递员",
    "中通": "快递",
    "圆通": "快递",
    "申通": "快递",
    "韵达": "快递",
    "退钱": "退款",
    "代金券": "优惠券",
    "折扣券": "优惠券",
    "质保": "保修",
    "保养": "保修",
    "境外": "海外",
    "国外": "海外",
    "美国": "海外",
    "英国": "海外",
    "日本": "海外",
    "澳洲": "海外",
    "加拿大": "海外",
    "欧洲": "海外",
    "云闪付": "银联",
}

"""The demo knowledge base's category names in Chinese.

The entries in ``demo.kb_data`` name their category by an English path ("Shipping / Couriers")
that the regression set and the evaluation also use as a stable key. The shop they stand for is
Chinese, so the categories its editors see are created under these names.
"""

from __future__ import annotations

CATEGORY_NAMES_ZH = {
    "Account": "账户",
    "Address changes": "修改地址",
    "After delivery": "签收之后",
    "Authenticity": "正品保障",
    "Cancel an order": "取消订单",
    "Care instructions": "保养说明",
    "Company purchases & receipts": "企业采购与收据",
    "Contact us": "联系我们",
    "Coupons": "优惠券",
    "Couriers": "快递公司",
    "Currency": "币种",
    "Customer service": "客户服务",
    "Damaged or wrong items": "破损或错发",
    "Delete account": "注销账户",
    "Delivery problems": "配送问题",
    "Delivery times": "配送时效",
    "E-invoices": "电子发票",
    "Exchanges": "换货",
    "Feedback": "意见反馈",
    "Fees": "运费",
    "Hong Kong, Macau, Taiwan & international": "港澳台及海外",
    "How to return": "如何退货",
    "Installments": "分期付款",
    "Invoices": "发票",
    "Large items": "大件商品",
    "Membership points": "会员积分",
    "Modify an order": "修改订单",
    "Order tracking": "订单跟踪",
    "Orders": "订单",
    "Out of stock": "缺货",
    "Password & security": "密码与安全",
    "Payment": "支付",
    "Payment methods": "支付方式",
    "Payment problems": "支付问题",
    "Phone number": "手机号",
    "Placing an order": "下单",
    "Pre-orders": "预售",
    "Price protection": "价格保护",
    "Prices": "价格",
    "Privacy": "隐私",
    "Product details": "商品详情",
    "Product usage": "使用方法",
    "Products": "商品",
    "Profile": "个人资料",
    "Promotions": "促销活动",
    "Recommendations": "商品推荐",
    "Refund timing": "退款时效",
    "Registration & login": "注册与登录",
    "Return policy": "退货政策",
    "Return requests": "退货申请",
    "Returns & refunds": "退货与退款",
    "Sales events": "大促活动",
    "Shipping": "配送",
    "Size guide": "尺码指南",
    "VAT special invoices": "增值税专用发票",
    "Warranty": "保修",
}


def category_name(english: str) -> str:
    """The Chinese name of one level of a demo category path (unknown names stay as given)."""
    return CATEGORY_NAMES_ZH.get(english, english)

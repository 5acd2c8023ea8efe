"""A support line picked by criteria and an exact sales line handed to a sub-account, with the vobiz plugin."""

import pulumi
import pulumi_vobiz as vobiz

config = pulumi.Config()
sales_sub_account_id = config.get("salesSubAccountId") or "SA_DEMO0001"

# One number in Bengaluru (containing 9180), picked from inventory once and routed to a SIP trunk.
support_line = vobiz.PhoneNumber(
    "support-line",
    country="IN",
    contains="9180",
    max_monthly_fee=1000,
    trunk_group_id="2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
)

# One exact number, answered by a voice application. This one is in the local emulator's seeded inventory;
# against the real API, name a number that is for sale.
sales_line = vobiz.PhoneNumber(
    "sales-line",
    e164="+12122672241",
    application_id="20577609616603585",
)

# The sales line, handed to the sales team's sub-account.
sales_line_to_sales_team = vobiz.SubAccountAssignment(
    "sales-line-to-sales-team",
    e164=sales_line.e164,
    sub_account_id=sales_sub_account_id,
)

pulumi.export("supportNumber", support_line.e164)
pulumi.export("supportMonthlyFee", support_line.monthly_fee)
pulumi.export("salesNumber", sales_line.e164)
pulumi.export("salesHeldBy", sales_line_to_sales_team.sub_account_id)

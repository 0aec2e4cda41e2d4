"""Pages of the council portal, by topic. Thin: forms parse, services write, selectors read,
the policy decides (404 when the user may not see the assessment's portal, 403 when they may
see it but not act)."""

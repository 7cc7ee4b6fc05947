import { expect, it } from "vitest";
import { formatDate, formatMoney } from "./format";

it("formats exact decimal strings without float arithmetic", () => {
  expect(formatMoney("227.32")).toBe("$227.32");
  expect(formatMoney("1234567.5")).toBe("$1,234,567.50");
  expect(formatMoney("15")).toBe("$15.00");
  expect(formatMoney("0.1250", "USD")).toBe("$0.1250");
  expect(formatMoney("-3.00")).toBe("-$3.00");
  expect(formatMoney("99.99", "CHF")).toBe("99.99 CHF");
  expect(formatMoney(null)).toBe("—");
});

it("shows API dates as the UTC day they name", () => {
  expect(formatDate("2026-12-01")).toBe("Dec 1, 2026");
  expect(formatDate("2026-11-30T23:59:00Z")).toBe("Nov 30, 2026");
});

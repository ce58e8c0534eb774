"""HQ's dashboard in headless Chromium: HQ filters it, the filters land in the URL, and both exports
download; the workbook is opened with openpyxl and the PDF read back with pdftotext, and their
totals equal what the page shows (LibreOffice opens the workbook as well)."""
import csv
import pathlib
import subprocess
import tempfile
import time
import urllib.parse

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import click_and_wait, open_menu, screenshot
from test_channel_flows import api
from test_foundation_flows import sign_in


def wait_for_download(folder: pathlib.Path, suffix: str) -> pathlib.Path:
    """Waits (at most 30 s) until Chromium has finished writing a file ending in `suffix`."""
    for _ in range(300):
        finished = [path for path in folder.iterdir() if path.name.endswith(suffix)]
        if finished and not any(path.name.endswith(".crdownload") for path in folder.iterdir()):
            return finished[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} was downloaded into {folder}: {list(folder.iterdir())}")


def test_hq_filters_the_dashboard_and_exports_it_to_excel_and_pdf(server, desktop):
    sign_in(desktop, server, "hq-finance")
    desktop.get(f"{server}/hq")
    open_menu(desktop, "operations", "/hq/dashboard")
    assert desktop.find_element(By.CSS_SELECTOR, "#metric-netSales .value").text.startswith("¥")
    assert desktop.find_elements(By.CSS_SELECTOR, "#trend-chart svg rect")

    # The last 90 days in Guangdong, by week: every choice is kept in the URL.
    Select(desktop.find_element(By.ID, "range")).select_by_value("last90")
    Select(desktop.find_element(By.ID, "province")).select_by_visible_text("广东省")
    Select(desktop.find_element(By.ID, "granularity")).select_by_value("week")
    click_and_wait(desktop, desktop.find_element(By.ID, "apply-filters"))
    query = urllib.parse.parse_qs(urllib.parse.urlparse(desktop.current_url).query)
    assert query["range"] == ["last90"] and query["province"] == ["广东省"]
    assert "广东省" in desktop.find_element(By.ID, "filter-summary").text
    shown_sales = desktop.find_element(By.CSS_SELECTOR, "#metric-netSales .value").text
    shown_orders = desktop.find_element(By.CSS_SELECTOR, "#metric-orders .value").text

    # The page shows what the API computes for the same filter.
    figures = api(server, "hq-finance", "/api/v1/dashboard?range=last90&province=" + urllib.parse.quote("广东省"))
    net_sales = next(metric for metric in figures["metrics"] if metric["metric"] == "netSales")["value"]
    assert shown_sales == "¥{:,}.{:02d}".format(net_sales // 100, net_sales % 100)
    assert int(shown_orders) == next(metric for metric in figures["metrics"] if metric["metric"] == "orders")["value"]
    assert {row["key"] for row in figures["breakdowns"]["province"]} == {"广东省"}

    # A bookmarked view opens the same figures.
    bookmark = desktop.current_url
    desktop.get(f"{server}/hq")
    desktop.get(bookmark)
    assert desktop.find_element(By.CSS_SELECTOR, "#metric-netSales .value").text == shown_sales
    screenshot(desktop, "hq-dashboard")

    downloads = pathlib.Path(tempfile.mkdtemp(prefix="qudao-downloads-"))
    desktop.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    desktop.find_element(By.ID, "export-xlsx").click()
    workbook_path = wait_for_download(downloads, ".xlsx")
    desktop.find_element(By.ID, "export-pdf").click()
    pdf_path = wait_for_download(downloads, ".pdf")

    # The workbook: filters written above a frozen header, real numbers, the trend's total equals the page.
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames == ["概览", "趋势", "构成", "渠道商排行", "商品排行"]
    summary = workbook["概览"]
    notes = [summary.cell(row=row, column=1).value for row in range(1, 6)]
    assert notes[0] == "渠道数据看板 · 概览" and any("广东省" in (note or "") for note in notes)
    header_row = next(row for row in range(1, 10) if summary.cell(row=row, column=1).value == "指标")
    assert summary.freeze_panes == f"A{header_row + 1}"
    first = header_row + 1
    assert summary.cell(row=first, column=1).value == "销售额(净)(元)"
    sales_cell = summary.cell(row=first, column=2)
    assert sales_cell.number_format == "#,##0.00" and round(sales_cell.value * 100) == net_sales
    trend = workbook["趋势"]
    trend_total = next(row for row in trend.iter_rows(values_only=True) if row[0] == "合计")
    assert round(trend_total[5] * 100) == net_sales

    # LibreOffice opens the workbook too: its first sheet, saved as UTF-8 CSV, shows the Chinese
    # labels and the page's net sales.
    converted = pathlib.Path(tempfile.mkdtemp(prefix="qudao-libreoffice-"))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{converted}/profile", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(converted), str(workbook_path)],
        check=True, capture_output=True, timeout=120)
    rows = list(csv.reader(open(converted / (workbook_path.stem + ".csv"), encoding="utf-8")))
    assert rows[0][0] == "渠道数据看板 · 概览"
    sales_row = next(row for row in rows if row[0] == "销售额(净)(元)")
    assert sales_row[1] == shown_sales.lstrip("¥")

    # The PDF: Chinese title, filters and the total readable as text.
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    assert "渠道数据看板" in text and "广东省" in text and "销售额(净)" in text
    assert shown_sales.lstrip("¥") in text


def test_hq_exports_a_report_whose_totals_match_the_dashboard(server, desktop):
    sign_in(desktop, server, "hq-finance")
    desktop.get(f"{server}/hq/dashboard?range=last30")
    shown_sales = desktop.find_element(By.CSS_SELECTOR, "#metric-netSales .value").text
    open_menu(desktop, "operations", "/hq/reports")
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#report-tabs a[href='/hq/reports?report=sales-by-partner']"))
    Select(desktop.find_element(By.ID, "range")).select_by_value("last30")
    click_and_wait(desktop, desktop.find_element(By.ID, "apply-filters"))
    rows = desktop.find_elements(By.CSS_SELECTOR, "#report-table tbody tr")
    assert rows and rows[-1].find_elements(By.TAG_NAME, "td")[-1].text == shown_sales
    # Phones on the page are masked.
    phones = [row.find_elements(By.TAG_NAME, "td")[8].text for row in rows[:-1]]
    assert phones and all(len(phone) == 11 and phone[3:7] == "****" for phone in phones)
    screenshot(desktop, "hq-report-sales-by-partner")

    downloads = pathlib.Path(tempfile.mkdtemp(prefix="qudao-downloads-"))
    desktop.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    desktop.find_element(By.ID, "export-xlsx").click()
    sheet = openpyxl.load_workbook(wait_for_download(downloads, ".xlsx")).active
    values = list(sheet.iter_rows(values_only=True))
    header = next(index for index, row in enumerate(values) if row[0] == "排名")
    assert sheet.freeze_panes == f"A{header + 2}"
    total = values[-1]
    assert str(total[0]).startswith("合计")
    assert "¥{:,.2f}".format(total[-1]) == shown_sales
    assert all(row[8] is None or row[8][3:7] == "****" for row in values[header + 1:])

"""Metadata of the built site: descriptions, Open Graph, canonical URLs, sitemap, JSON-LD, van-ban.json."""

from __future__ import annotations

import gzip
import json
import os
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from hooks import documents_json
from scripts.build_site import build_all
from site_text import ROOT, generated_pages

DOCS = ROOT / "docs"
SITE_URL = "https://example.gov.vn/ke-hoach-855/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def front_matter() -> dict[str, dict]:
    """Front matter of every page, by path under docs/."""
    return {
        path.relative_to(DOCS).as_posix(): get_data(path.read_text(encoding="utf-8"))[1]
        for path in sorted(DOCS.rglob("*.md"))
    }


def url_path(page: str) -> str:
    """Address of a page relative to the site root: 'van-ban/index.md' -> 'van-ban/'."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def soup_of(site: Path, page: str) -> BeautifulSoup:
    html = (site / url_path(page) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]


def iso(date: str) -> str:
    return datetime.strptime(date, "%d/%m/%Y").date().isoformat()


def build_with(tmp_path_factory: pytest.TempPathFactory, site_url: str | None) -> Path:
    target = tmp_path_factory.mktemp("meta-build") / "site"
    with pytest.MonkeyPatch.context() as patch:
        if site_url is None:
            patch.delenv("SITE_URL", raising=False)
        else:
            patch.setenv("SITE_URL", site_url)
        build_all(target)
    return target


@pytest.fixture(scope="module")
def plain_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built without SITE_URL (the session's build, unless SITE_URL is set here)."""
    return build_with(tmp_path_factory, None) if os.environ.get("SITE_URL") else site_dir


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as the deploy workflow does, with SITE_URL set."""
    return build_with(tmp_path_factory, SITE_URL)


@pytest.fixture(scope="module")
def site_name() -> str:
    return load_config(str(ROOT / "mkdocs.yml")).site_name


def test_every_page_describes_itself_for_sharing(plain_site, site_name):
    pages = front_matter()
    assert len(pages) >= 12
    for page, fm in pages.items():
        soup = soup_of(plain_site, page)
        title = site_name if page == "index.md" else fm["title"]
        assert meta(soup, "description") == fm["description"], page
        assert meta(soup, "og:description") == fm["description"], page
        assert meta(soup, "twitter:description") == fm["description"], page
        assert meta(soup, "og:title") == title, page
        assert meta(soup, "twitter:title") == title, page
        assert meta(soup, "og:type") == "website", page
        assert meta(soup, "og:locale") == "vi_VN", page
        assert meta(soup, "og:site_name") == site_name, page
        assert meta(soup, "twitter:card") == "summary", page
        assert soup.html["lang"] == "vi", page


def test_without_site_url_nothing_claims_an_address(plain_site):
    for page in front_matter():
        soup = soup_of(plain_site, page)
        assert soup.find("link", rel="canonical") is None, page
        assert meta(soup, "og:url") is None, page
        for record in json_ld(soup):
            assert "mainEntityOfPage" not in record, page
            assert all("url" not in basis for basis in record.get("isBasedOn", [])), page
    sitemap = ET.parse(plain_site / "sitemap.xml").getroot()
    assert sitemap.tag == f"{SITEMAP_NS}urlset" and list(sitemap) == []
    for item in json.loads((plain_site / "van-ban.json").read_text(encoding="utf-8"))["van_ban"]:
        assert not item["url"].startswith(("http:", "https:", "/")), item["url"]
        assert (plain_site / item["url"] / "index.html").is_file(), item["url"]


def test_with_site_url_every_page_has_its_canonical_address(hosted_site):
    canonical = {}
    for page in [*front_matter(), *generated_pages()]:
        soup = soup_of(hosted_site, page)
        expected = SITE_URL + url_path(page)
        links = soup.find_all("link", rel="canonical")
        assert [link["href"] for link in links] == [expected], page
        assert meta(soup, "og:url") == expected, page
        for record in json_ld(soup):
            assert record["mainEntityOfPage"] == expected, page
        canonical[page] = expected

    sitemap_bytes = (hosted_site / "sitemap.xml").read_bytes()
    assert gzip.decompress((hosted_site / "sitemap.xml.gz").read_bytes()) == sitemap_bytes
    root = ET.fromstring(sitemap_bytes)
    assert root.tag == f"{SITEMAP_NS}urlset"
    locations = []
    for entry in root:
        assert entry.tag == f"{SITEMAP_NS}url"
        locations.append(entry.findtext(f"{SITEMAP_NS}loc"))
        lastmod = entry.findtext(f"{SITEMAP_NS}lastmod")
        if lastmod is not None:
            datetime.strptime(lastmod, "%Y-%m-%d")
    assert sorted(locations) == sorted(canonical.values())

    records = json.loads((hosted_site / "van-ban.json").read_text(encoding="utf-8"))["van_ban"]
    documents = {SITE_URL + url_path(page) for page, fm in front_matter().items() if "document" in fm}
    assert {item["url"] for item in records} == documents


def test_json_ld_describes_each_document_from_its_front_matter(plain_site, hosted_site):
    pages = front_matter()
    by_number = {fm["document"]["so_ky_hieu"]: page for page, fm in pages.items() if "document" in fm}
    assert {"855/KH-UBND", "1826/QĐ-UBND"} <= set(by_number)
    for page, fm in pages.items():
        records = json_ld(soup_of(plain_site, page))
        if "document" not in fm:
            assert records == [], page
            continue
        doc = fm["document"]
        [record] = records
        assert record["@context"] == "https://schema.org"
        assert record["@type"] == "CreativeWork"
        assert record["identifier"] == doc["so_ky_hieu"]
        assert record["name"] == f"{doc['loai_van_ban']} số {doc['so_ky_hieu']}"
        assert record["genre"] == doc["loai_van_ban"]
        assert record["abstract"] == record["description"] == doc["trich_yeu"]
        assert record["dateCreated"] == record["datePublished"] == iso(doc["ngay_ban_hanh"])
        issuer = {"@type": "GovernmentOrganization", "name": doc["co_quan_ban_hanh"]}
        assert record["author"] == record["publisher"] == issuer
        assert record["inLanguage"] == "vi"
        if "can_cu" not in doc:
            assert "isBasedOn" not in record, page
            continue
        bases = [number for number in by_number if number in doc["can_cu"] and number != doc["so_ky_hieu"]]
        assert [basis["identifier"] for basis in record["isBasedOn"]] == bases, page
        hosted = json_ld(soup_of(hosted_site, page))[0]
        for basis, number in zip(hosted["isBasedOn"], bases):
            other = pages[by_number[number]]["document"]
            assert basis["dateCreated"] == iso(other["ngay_ban_hanh"])
            assert basis["url"] == SITE_URL + url_path(by_number[number])


def test_the_plan_is_855_of_28_february_2024_based_on_decision_1826(plain_site):
    [plan] = json_ld(soup_of(plain_site, "van-ban/ke-hoach-855-kh-ubnd.md"))
    assert plan["identifier"] == "855/KH-UBND"
    assert plan["datePublished"] == "2024-02-28"
    assert plan["publisher"]["name"] == "UBND tỉnh Ninh Thuận"
    assert [(b["identifier"], b["dateCreated"]) for b in plan["isBasedOn"]] == [("1826/QĐ-UBND", "2023-12-25")]


@pytest.fixture(scope="module")
def json_ld_template():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config, config.theme.get_env().get_template("partials/json-ld.html")


def fake_page(document: dict, canonical_url: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(meta={"document": document}, canonical_url=canonical_url)


def test_json_ld_escapes_what_could_end_its_script_block(json_ld_template):
    config, template = json_ld_template
    hostile = "</script><script>alert(1)</script> & \"quoted\""
    document = {"loai_van_ban": "Kế hoạch", "so_ky_hieu": "1/KH", "co_quan_ban_hanh": hostile,
                "ngay_ban_hanh": "01/02/2024", "trich_yeu": hostile, "can_cu": "Văn bản không có trên trang"}
    page = fake_page(document)
    html = template.render(page=page, nav=SimpleNamespace(pages=[page]), config=config)
    soup = BeautifulSoup(html, "html.parser")
    [script] = soup.select('script[type="application/ld+json"]')
    assert "</script><script>" not in html
    record = json.loads(script.string)
    assert record["abstract"] == hostile and record["publisher"]["name"] == hostile
    assert record["dateCreated"] == "2024-02-01"
    assert record["isBasedOn"] == [{"@type": "CreativeWork", "name": "Văn bản không có trên trang"}]


def test_json_ld_is_absent_without_a_document(json_ld_template):
    config, template = json_ld_template
    page = SimpleNamespace(meta={"title": "Liên hệ"}, canonical_url=None)
    assert "ld+json" not in template.render(page=page, nav=SimpleNamespace(pages=[page]), config=config)


def test_van_ban_json_lists_every_document_page(plain_site):
    text = (plain_site / "van-ban.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"  # stable form
    expected = []
    for page, fm in front_matter().items():
        if "document" not in fm:
            continue
        doc = fm["document"]
        expected.append({
            "url": url_path(page) or "./",
            "title": fm["title"],
            **{key: doc.get(key) for key in documents_json.DOCUMENT_KEYS},
            "ngay_ban_hanh": iso(doc["ngay_ban_hanh"]),
        })
    assert data["van_ban"] == sorted(expected, key=lambda item: item["url"])


def test_van_ban_page_links_to_the_json(plain_site):
    soup = soup_of(plain_site, "van-ban/index.md")
    [link] = [a for a in soup.select("article a[href]") if a["href"].endswith("van-ban.json")]
    assert (plain_site / "van-ban" / link["href"]).resolve() == (plain_site / "van-ban.json").resolve()


def test_van_ban_json_is_stable_and_absolute_with_site_url():
    pages = [
        documents_json.DocumentPage("b/", "B", {"so_ky_hieu": "2/QĐ", "ngay_ban_hanh": "5/1/2024",
                                                "tep_dinh_kem": "tai-lieu/b.pdf"}),
        documents_json.DocumentPage("./", "A", {"so_ky_hieu": "1/KH", "ngay_ban_hanh": "28/02/2024"}),
    ]
    forward = documents_json.render(documents_json.records(pages, None))
    assert forward == documents_json.render(documents_json.records(reversed(pages), None))
    items = documents_json.records(pages, "https://example.gov.vn/site")
    assert [item["url"] for item in items] == ["https://example.gov.vn/site/", "https://example.gov.vn/site/b/"]
    assert items[1]["tep_dinh_kem"] == "https://example.gov.vn/site/tai-lieu/b.pdf"
    assert items[1]["ngay_ban_hanh"] == "2024-01-05"
    assert items[0]["tep_dinh_kem"] is None and items[0]["can_cu"] is None


def test_van_ban_json_refuses_one_document_described_two_ways():
    same = {"so_ky_hieu": "855/KH-UBND", "ngay_ban_hanh": "28/02/2024", "trich_yeu": "X"}
    other = {**same, "ngay_ban_hanh": "29/02/2024"}
    agree = documents_json.records([documents_json.DocumentPage("a/", "A", same),
                                    documents_json.DocumentPage("b/", "B", dict(same))], None)
    assert documents_json.conflicts(agree) == []
    disagree = documents_json.records([documents_json.DocumentPage("a/", "A", same),
                                       documents_json.DocumentPage("b/", "B", other)], None)
    [problem] = documents_json.conflicts(disagree)
    assert "ngay_ban_hanh" in problem and "a/" in problem and "b/" in problem


@pytest.mark.browser
def test_json_ld_is_data_that_a_content_security_policy_leaves_alone(browser, site_url):
    """Under `script-src 'self'` the theme's inline scripts are refused, the JSON-LD is not."""
    page = browser.new_page()
    policy = "script-src 'self' 'report-sample'"

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route(site_url + "van-ban/ke-hoach-855-kh-ubnd/", with_policy)
    page.add_init_script("""window.__refused = [];
      document.addEventListener("securitypolicyviolation", e => window.__refused.push(e.sample));""")
    page.goto(site_url + "van-ban/ke-hoach-855-kh-ubnd/")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    refused = page.evaluate("window.__refused")
    page.close()
    assert refused, "the policy was not in force: the theme's inline scripts ran"
    assert not any(sample.lstrip().startswith('{"@context"') for sample in refused), refused


def test_the_hook_publishes_the_file_and_warns_on_disagreeing_pages(tmp_path, caplog):
    from mkdocs.structure.files import File, Files

    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    head = ("---\ntitle: {title}\ndescription: x\ndocument:\n  loai_van_ban: Kế hoạch\n  so_ky_hieu: 9/KH\n"
            "  co_quan_ban_hanh: UBND\n  ngay_ban_hanh: {date}\n  trich_yeu: y\n---\n# x\n")
    (docs / "index.md").write_text(head.format(title="A", date="01/03/2024"), encoding="utf-8")
    (docs / "van-ban" / "k.md").write_text(head.format(title="B", date="02/03/2024"), encoding="utf-8")
    (docs / "plain.md").write_text("---\ntitle: C\ndescription: y\n---\n# C\n", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_url="https://x.example/",
                         nav=[{"A": "index.md"}, {"B": "van-ban/k.md"}, {"C": "plain.md"}])
    files = Files([File(path, str(docs), str(tmp_path / "site"), True)
                   for path in ("index.md", "van-ban/k.md", "plain.md")])
    with caplog.at_level("WARNING", logger="mkdocs"):
        config = config.plugins.on_config(config)  # as MkDocs does: plugins set up first
        files = config.plugins.on_files(files, config=config)  # every hook of mkdocs.yml, in order
    [output] = [file for file in files if file.src_uri == documents_json.OUTPUT]
    items = json.loads(output.content_string)["van_ban"]
    assert [(item["url"], item["title"], item["ngay_ban_hanh"]) for item in items] == [
        ("https://x.example/", "A", "2024-03-01"), ("https://x.example/van-ban/k/", "B", "2024-03-02")]
    assert any("9/KH" in record.getMessage() and "ngay_ban_hanh" in record.getMessage()
               for record in caplog.records if record.levelname == "WARNING")

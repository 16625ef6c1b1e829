"""The names-only search bundle: what each page gives it (search_index.name_page)."""
from __future__ import annotations

from myoatlas.search_index import name_page, write_name_pages

PAGE = """<html><head><title>Psoas major - MyoAtlas</title></head><body>
<nav><h1>MyoAtlas</h1></nav>
<article><div data-pagefind-body>
    <p class="ma-search-terms" hidden data-pagefind-weight="8">Psoas major · psoas · Hip flexors</p>
    <div hidden data-pagefind-ignore>
      <span data-pagefind-filter="type">muscle</span><span data-pagefind-meta="names">Psoas major | psoas</span><span data-pagefind-meta="summary">A deep hip muscle &amp; more.</span>
    </div>
<h1 id="psoas-major">Psoas major<a class="headerlink" href="#psoas-major" title="Permanent link">&para;</a></h1>
<p>A long, deep muscle. Stretches for this muscle: the kneeling lunge.</p>
</div></article></body></html>"""


def test_a_page_gives_the_names_bundle_its_title_names_terms_filters_and_metadata_only():
    small = name_page(PAGE)
    assert small is not None
    body = small[small.index("<main data-pagefind-body>"):]
    assert body == ('<main data-pagefind-body><h1>Psoas major</h1><p data-pagefind-weight="10">Psoas major · psoas</p>'
                    '<p>Psoas major · psoas · Hip flexors</p><div hidden data-pagefind-ignore>\n'
                    '      <span data-pagefind-filter="type">muscle</span><span data-pagefind-meta="names">Psoas major | psoas</span>'
                    '<span data-pagefind-meta="summary">A deep hip muscle &amp; more.</span>\n    </div></main></body></html>')
    assert "<title>Psoas major</title>" in small
    assert "kneeling lunge" not in small  # the page's own text stays in the full bundle


def test_a_page_outside_the_search_index_gives_nothing():
    assert name_page("<html><body><h1>Not found</h1></body></html>") is None


def test_name_pages_keep_each_page_at_its_own_address(tmp_path):
    site, out = tmp_path / "site", tmp_path / "names"
    (site / "muscles" / "psoas-major").mkdir(parents=True)
    (site / "muscles" / "psoas-major" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "404.html").write_text("<html><body><h1>Not found</h1></body></html>", encoding="utf-8")
    assert write_name_pages(site, out) == 1
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.html")] == ["muscles/psoas-major/index.html"]

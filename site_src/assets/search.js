/* MyoAtlas search: Pagefind behind Material's search look.
 *
 * - The index is fetched in small chunks by Pagefind, only once a reader starts searching; nothing
 *   loads from another host. Two bundles: pagefind-names/ holds each page's names (title, aliases, and
 *   for an exercise the muscles it works) and is asked first; pagefind/ holds every page's own text
 *   and is asked only when the names find too few pages. Pagefind's cost grows with the number of
 *   pages holding a query's words, so common words stay fast on a large site (search_index.py).
 * - Queries are read as a reader means them: filler words ("a", "for", "my") are dropped so they
 *   never match inside other words; "stretch", "strengthen", "test", "massage" become a filter, and
 *   pages of that kind come first.
 * - When nothing matches, a misspelling is corrected from the site's own names and aliases
 *   (search-terms.json); a topic the site does not cover is said so, with what it does cover.
 * - Everything from the index is inserted as text (titles, aliases) or rebuilt from text nodes and
 *   <mark> only (previews): nothing in a record can become live HTML here.
 */
(function () {
  "use strict";

  var STOP = new Set(("a about an and any are as at be best but by can could do does doing easy for from get " +
    "good great help helps how i if in into is it its me my of on or our should simple some that the their " +
    "them these this those to up use what when where which who why will with would you your").split(" "));
  var INTENTS = [
    { words: ["stretch", "stretches", "stretching", "stretched", "lengthen"], filters: { kind: "stretch" }, label: "stretches" },
    { words: ["strengthen", "strengthening", "strength", "strong", "stronger", "strengthener"], filters: { kind: "strengthening" }, label: "strengthening exercises" },
    { words: ["massage", "self-massage", "roll", "rolling", "foam"], filters: { kind: "self-massage" }, label: "self-massage" },
    { words: ["mobility", "mobilise", "mobilize"], filters: { kind: "mobility" }, label: "mobility exercises" },
    { words: ["exercise", "exercises", "workout", "workouts"], filters: { type: "exercise" }, label: "exercises" },
    { words: ["test", "tests", "testing", "assessment"], filters: { type: "test" }, label: "tests" },
    { words: ["routine", "routines", "program", "programme", "plan"], filters: { type: "routine" }, label: "routines" },
    { words: ["pain", "painful", "sore", "ache", "aches", "aching", "hurt", "hurts", "hurting"], filters: { type: "condition" }, label: "conditions" }
  ];
  var SHOWN = 10;
  var RERANKED = 16;  // the first results are re-ordered by how well their names match

  var FULL = "data-pagefind", NAMES = "data-pagefind-names";  // the attributes holding each bundle's address
  var pagefindPromises = {};
  var vocabularyPromise = null;

  function words(text) {
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(Boolean);
  }

  /** A word without its plural ending, the same for both forms: "hamstrings" and "hamstring" are
   *  "hamstring", "stretches" is "stretch", "injuries" is "injury". */
  function stem(word) {
    if (word.length <= 3) return word;
    if (/ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
    if (/[^su]s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  // Filler words that are a name's first word before these ("IT band", the iliotibial band).
  var NOT_FILLER_BEFORE = { it: "band" };
  var INTENT_WORDS = [].concat.apply([], INTENTS.map(function (i) { return i.words; }));

  /** Is this last word one still being typed, that would cost much and find little? One letter ("front h")
   *  matches every word starting with it; the start of a word like "stretch" ("calf stret") matches a word
   *  most exercise pages are named with; the next letters or the whole word make the query it is meant to be. */
  function typing(word) {
    if (word.length === 1) return true;
    return INTENT_WORDS.indexOf(word) < 0 && INTENT_WORDS.some(function (w) { return w.length > word.length && w.indexOf(word) === 0; });
  }

  /** A query as meant: the search terms, and the intent ("stretch") as Pagefind filters. */
  function parseQuery(text) {
    var terms = [], intent = null, said = [];
    var all = words(text);
    all.forEach(function (w, k) {
      var filler = STOP.has(w) && !(NOT_FILLER_BEFORE[w] && NOT_FILLER_BEFORE[w] === all[k + 1]);
      if (!filler) said.push(w);
      var found = INTENTS.find(function (i) { return i.words.indexOf(w) >= 0; });
      if (found && !intent) { intent = found; return; }
      if (!filler) terms.push(w);
    });
    if (terms.length > 1 && typing(terms[terms.length - 1])) terms.pop();
    if (said.length > 1 && typing(said[said.length - 1])) said.pop();
    // `said`: every word that is not filler, the intent word included, for matching names ("chest stretch").
    return { terms: terms, intent: intent, said: said, tooShort: terms.length === 1 && terms[0].length === 1 && !intent };
  }

  function resolveUrl(relative) {
    return new URL(relative, document.baseURI).href;
  }

  /** One Pagefind bundle (FULL or NAMES), loaded once per visit. Each runs in its own worker. */
  function loadPagefind(root, bundle) {
    bundle = bundle || FULL;
    if (!pagefindPromises[bundle]) {
      var url = resolveUrl(root.getAttribute(bundle));
      pagefindPromises[bundle] = import(url).then(function (pagefind) {
        return pagefind.options({
          baseUrl: new URL("../", url).pathname,
          excerptLength: 24,
          ranking: { pageLength: 0.3, termFrequency: 0.6, termSaturation: 1.6 }
        }).then(function () { return pagefind.init(); }).then(function () { return pagefind; });
      });
    }
    return pagefindPromises[bundle];
  }

  function loadVocabulary(root) {
    if (!vocabularyPromise) {
      vocabularyPromise = fetch(resolveUrl(root.getAttribute("data-terms")))
        .then(function (r) { return r.ok ? r.json() : { names: [], regions: [] }; })
        .then(function (v) {
          var known = new Set();
          v.names.forEach(function (entry) { words(entry[0]).forEach(function (w) { known.add(w); }); });
          v.words = known;
          return v;
        })
        .catch(function () { return { names: [], regions: [], words: new Set() }; });
    }
    return vocabularyPromise;
  }

  /** Optimal string alignment distance (Levenshtein plus swapped neighbours: "hamstirng"). */
  function distance(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d.push([i]); }
    for (j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  /** Each term not known to the site, replaced by the nearest known word; null when nothing changes. */
  function correct(terms, vocabulary) {
    var changed = false;
    var fixed = terms.map(function (term) {
      if (vocabulary.words.has(term) || term.length < 4) return term;
      var limit = term.length <= 6 ? 1 : 2, best = null, bestDistance = limit + 1;  // "bunion" is not "button"
      vocabulary.words.forEach(function (w) {
        if (Math.abs(w.length - term.length) > limit) return;
        var dist = distance(term, w);
        if (dist < bestDistance || (dist === bestDistance && best !== null && w < best)) { best = w; bestDistance = dist; }
      });
      if (best) { changed = true; return best; }
      return term;
    });
    return changed ? fixed : null;
  }

  /** Does the site have a page named for these terms (a name or alias holding all of them, or all
   *  but one when the query is longer, as in "sore neck from desk")? */
  function covered(terms, vocabulary) {
    if (!terms.length) return true;
    var stems = terms.map(stem), allowed = stems.length >= 3 ? 1 : 0;
    return vocabulary.names.some(function (entry) {
      var have = words(entry[0]).map(stem);
      var missing = stems.filter(function (s) {
        return !have.some(function (h) { return h === s || (s.length >= 4 && h.indexOf(s) === 0); });
      });
      return missing.length <= allowed;
    });
  }

  /** How well a page's own names match the terms, best first: 0 its title is the query, 1 an alias is,
   *  2 its title begins with the query ("lower back" in "Lower back pain"), 3 its title holds every term
   *  as a word, 4 an alias begins with the query, 5 an alias holds every term, 6 or 7 the title or an
   *  alias holds them as word beginnings only ("butt" in "butterfly"), 8 none. */
  function nameMatch(d, terms) {
    var stems = terms.map(stem);
    var names = (d.meta.names || d.meta.title || "").split(" | ");
    var best = 8;
    names.forEach(function (name, i) {
      var have = words(name).map(stem), alias = i > 0 ? 1 : 0;
      var starts = have.length >= stems.length && stems.every(function (s, k) { return sameWord(have[k], s); });
      if (starts && have.length === stems.length) { best = Math.min(best, alias); return; }
      if (starts) { best = Math.min(best, alias ? 4 : 2); return; }
      var whole = stems.every(function (s) { return have.some(function (h) { return sameWord(h, s); }); });
      var begins = stems.every(function (s) { return have.some(function (h) { return sameWord(h, s) || (s.length >= 3 && h.indexOf(s) === 0); }); });
      if (whole) best = Math.min(best, alias ? 5 : 3);
      else if (begins) best = Math.min(best, 6 + alias);
    });
    return best;
  }

  /** The same word, allowing one typo in words of five letters or more ("psoaz"). */
  function sameWord(h, s) {
    return h === s || ingForm(h, s) || ingForm(s, h) ||
      (s.length >= 5 && Math.abs(h.length - s.length) <= 1 && distance(h, s) <= 1);
  }

  /** `long` is `short` with -ing: "sitting" and "sit", "stretching" and "stretch". */
  function ingForm(long, short) {
    return short.length >= 3 && (long === short + "ing" || long === short + short.slice(-1) + "ing");
  }

  /** Results that match the intent ("stretch") stay first; within that, a page named for the query
   *  comes before pages that only mention it, what readers come for (exercises, muscles) before
   *  articles, and a page many others link to ("Lower back pain") before a narrower one ("Lower back
   *  spasm"); Pagefind's order breaks ties. */
  function rerank(data, terms, wanted, said) {
    return data.map(function (d, i) {
      var named = Math.min(nameMatch(d, terms), said && said.length > terms.length ? nameMatch(d, said) : 8);
      return { d: d, key: [wanted.has(d.url) ? 0 : 1, named, Number(d.meta.rank || 9), -Number(d.meta.links || 0), i] };
    }).sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    }).map(function (x) { return x.d; });
  }

  /** The searches one query may take, in order: the names bundle, then every page's text; in each, the
   *  kind of page asked for ("stretch") first, then any page. */
  function steps(query) {
    var list = [];
    [NAMES, FULL].forEach(function (bundle) {
      if (query.intent && query.terms.length) list.push({ bundle: bundle, filters: query.intent.filters });
      list.push({ bundle: bundle, filters: null });
    });
    return list;
  }

  /** Search for `query`, step by step, until RERANKED different pages are found; load their data.
   *  Resolves to { data, wanted (the URLs of those that match the intent), total (matching
   *  pages, the largest count of any step), full (whether every page's text was searched) }, or null
   *  once `stale()` says a later keystroke superseded this query (nothing more is fetched for it). */
  function search(root, query, stale) {
    var text = query.terms.join(" ");
    if (!text && query.intent) text = query.intent.words[0];
    var out = { data: [], wanted: new Set(), total: 0, full: false, tooShort: query.tooShort };
    if (!text || query.tooShort) return Promise.resolve(out);  // one letter matches nearly every page
    var todo = steps(query), seenIds = new Set(), seenUrls = new Set();

    function take(step, results) {  // add results of one step, loading data only for as many as have room
      var room = RERANKED - out.data.length;
      var fresh = results.filter(function (r) { return !seenIds.has(step.bundle + r.id); }).slice(0, room);
      if (!fresh.length || stale()) return Promise.resolve();
      fresh.forEach(function (r) { seenIds.add(step.bundle + r.id); });
      return Promise.all(fresh.map(function (r) { return r.data(); })).then(function (data) {
        data.forEach(function (d) {
          if (seenUrls.has(d.url)) return;  // found in the names already
          seenUrls.add(d.url);
          out.data.push(d);
          if (step.filters) out.wanted.add(d.url);
        });
        if (out.data.length < RERANKED) return take(step, results);
      });
    }

    function next() {
      var step = todo.shift();
      if (!step || out.data.length >= RERANKED) return Promise.resolve(out);
      if (stale()) return Promise.resolve(null);
      return loadPagefind(root, step.bundle).then(function (pagefind) {
        if (stale()) return null;
        return pagefind.search(text, step.filters ? { filters: step.filters } : {});
      }).then(function (found) {
        if (!found || stale()) return null;
        out.total = Math.max(out.total, found.results.length);
        if (step.bundle === FULL) out.full = true;
        return take(step, found.results).then(function () { return stale() ? null : next(); });
      });
    }
    return next();
  }

  /** A Pagefind excerpt as DOM: its text, with <mark> kept; any other markup becomes text. */
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    var out = document.createDocumentFragment();
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /** `text` as DOM, with the words that start with a query term in <mark>. */
  function marked(text, terms) {
    var out = document.createDocumentFragment();
    var stems = terms.map(function (t) { return t.toLowerCase(); }).filter(function (t) { return t.length > 1; });
    text.split(/(\s+)/).forEach(function (part) {
      var word = part.toLowerCase().replace(/^[^a-z0-9]+/, "");
      if (word && stems.some(function (t) { return word.indexOf(t) === 0; })) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(part));
      }
    });
    return out;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function Search(root) {
    this.root = root;
    this.input = root.querySelector("[data-ma-search-input]");
    this.list = root.querySelector("[data-ma-search-list]");
    this.status = root.querySelector("[data-ma-search-status]");
    this.note = root.querySelector("[data-ma-search-note]");
    this.active = -1;
    this.serial = 0;
    var self = this;
    this.input.addEventListener("input", function () { self.run(self.input.value); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    this.input.addEventListener("focus", function () { loadPagefind(root, NAMES).catch(function () {}); });
    var form = this.input.form;
    if (form) {
      form.addEventListener("submit", function (e) { e.preventDefault(); self.go(self.active >= 0 ? self.active : 0); });
      form.addEventListener("reset", function () { setTimeout(function () { self.run(""); self.input.focus(); }, 0); });
    }
  }

  /** Search for `value`. One search runs at a time: keystrokes typed meanwhile leave only the latest
   *  waiting, so a fast typist never queues a search per letter (on a large site each takes a while). */
  Search.prototype.run = function (value) {
    var self = this, key = queryKey(value);
    // A space, a filler word or the first letters of a word leave the query as it was ("front o"): the
    // search under way, or the results shown, answer it already.
    if (this.running && key === this.runningKey) { this.serial = this.runningSerial; this.waiting = null; return this.running; }
    ++this.serial;  // results of an earlier value are not shown any more
    if (this.running) { this.waiting = value; return this.running; }
    if (value.trim() && key === this.shownKey) return Promise.resolve();
    this.shownKey = null;
    this.runningKey = key;
    this.runningSerial = this.serial;
    this.running = this.searchNow(value, key).then(function () {
      self.running = null;
      self.runningKey = null;
      if (self.waiting === null || self.waiting === undefined) return;
      var next = self.waiting;
      self.waiting = null;
      return self.run(next);
    });
    return this.running;
  };

  /** What a value searches for: values with the same key have the same results. */
  function queryKey(value) {
    var query = parseQuery(value);
    return JSON.stringify([value.trim() ? 1 : 0, query.terms, query.said, query.intent && query.intent.label, query.tooShort]);
  }

  /** Search for `value` now; `key` is its queryKey, kept once its results are shown. */
  Search.prototype.searchNow = function (value, key) {
    var self = this, serial = this.serial, query = parseQuery(value);
    var stale = function () { return serial !== self.serial; };
    if (!value.trim()) { this.show([], query, value, null, null, null); return Promise.resolve(); }
    return search(this.root, query, stale).then(function (found) {
      // Few or no results: a misspelling ("psoaz", "hamstirng") is corrected from the site's own names.
      if (!found || found.data.length >= 3 || !query.terms.length || found.tooShort) return found && { found: found, fixed: null };
      return loadVocabulary(self.root).then(function (vocabulary) {
        // First a spelling fix ("Showing results for ..."); then, when no page holds every word, the words
        // some page is named with, alone ("neck gaming" finds the neck pages by "neck"); the note still
        // says the whole query is not covered. Pages that hold every word always win ("buttock crease").
        var fixed = correct(query.terms, vocabulary);
        var known = query.terms.filter(function (w) { return vocabulary.words.has(w); });
        var tries = [];
        if (fixed) tries.push({ terms: fixed, fixed: fixed });
        if (!found.data.length && known.length && known.length < query.terms.length) tries.push({ terms: known, relaxed: known });
        function attempt(i) {
          if (i >= tries.length || stale()) return { found: found, fixed: null, vocabulary: vocabulary };
          return search(self.root, { terms: tries[i].terms, intent: query.intent }, stale).then(function (better) {
            if (!better || better.data.length <= found.data.length) return attempt(i + 1);
            return { found: better, fixed: tries[i].fixed || null, relaxed: tries[i].relaxed || null, vocabulary: vocabulary };
          });
        }
        return attempt(0);
      });
    }).then(function (result) {
      if (!result || stale()) return;  // a later keystroke superseded this query: fetch nothing more for it
      self.shownKey = key;
      var terms = result.fixed || result.relaxed || query.terms;
      self.show(rerank(result.found.data, terms, result.found.wanted, terms === query.terms ? query.said : null).slice(0, SHOWN), query, value, result.fixed,
                result.found, result.vocabulary || null);
    }).catch(function (error) {
      if (stale()) return;
      self.status.textContent = "Search is not available on this page (" + (error && error.message || error) + ").";
    });
  };

  /** Show the results. `found` is what search() found (null for an empty box). */
  Search.prototype.show = function (data, query, value, fixed, found, vocabulary) {
    var self = this;
    this.list.textContent = "";
    this.note.textContent = "";
    this.note.hidden = true;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.input.setAttribute("aria-expanded", data.length ? "true" : "false");
    if (!value.trim()) { this.status.textContent = "Type a muscle, a stretch or a problem"; return; }
    this.status.textContent = status(found);
    if (found && found.tooShort) return;
    data.forEach(function (d, i) {
      var item = element("li", "md-search-result__item");
      item.setAttribute("role", "option");
      item.id = self.list.id + "-" + i;
      item.setAttribute("aria-selected", "false");
      // An option of the listbox holds no link (a focusable element inside an option is "nested interactive"):
      // choosing it, by click or Enter, opens its page.
      if (/^\/[^/]/.test(d.url)) item.setAttribute("data-url", d.url);
      item.addEventListener("click", function () { self.go(i); });
      var link = element("div", "md-search-result__link");
      var article = element("article", "md-search-result__article md-typeset");
      article.appendChild(element("h1", "", d.meta.title || d.url));
      var about = [d.meta.type, d.meta.aliases ? "also " + d.meta.aliases : ""].filter(Boolean).join(" · ");
      if (about) article.appendChild(element("p", "ma-search-result__about", about));
      var preview = element("p", "ma-search-result__preview");
      // A record's preview is its summary (its page's first paragraph); Pagefind's excerpt would often
      // quote the hidden list of search terms instead. Other pages show Pagefind's excerpt.
      preview.appendChild(d.meta.summary ? marked(d.meta.summary, query.terms.concat(fixed || [])) : excerptNodes(d.excerpt || ""));
      article.appendChild(preview);
      link.appendChild(article);
      item.appendChild(link);
      self.list.appendChild(item);
    });
    var serial = this.serial;
    if (!query.terms.length) return;
    loadVocabulary(this.root).then(function (vocabulary) {
      if (serial !== self.serial) return;
      if (fixed) {
        self.addNote("Showing results for ", fixed.join(" "), ". ", "");
        self.addButton("Search instead for " + query.terms.join(" "), value);
        return;
      }
      if (covered(query.terms, vocabulary)) return;
      var guess = correct(query.terms, vocabulary);
      if (guess) { self.addNote("Did you mean ", guess.join(" "), "?", guess.join(" ")); return; }
      if (vocabulary.regions.length) {
        self.addNote("MyoAtlas has no page about \u201c" + value.trim() + "\u201d yet. It covers muscles, stretches and common problems of the " +
          vocabulary.regions.join(", ") + ".", "", data.length ? " The nearest pages are below." : "", "");
      }
    });
  };

  /** How many pages match. When the names found enough, the full text was not searched: the count is of
   *  pages named for the query (or for the muscles they work), and says so. */
  function status(found) {
    if (found && found.tooShort) return "Type a little more";
    var n = found ? found.total : 0;
    if (!n) return "No matching pages";
    var pages = n === 1 ? "1 page" : n + " pages";
    return found.full ? pages.replace("page", "matching page") : pages + " named for it";
  }

  /** A line above the results; `suggestion` becomes a button that searches for it. */
  Search.prototype.addNote = function (before, strong, after, suggestion) {
    var self = this;
    this.note.textContent = "";
    this.note.appendChild(document.createTextNode(before));
    if (suggestion) {
      var button = element("button", "ma-search-note__suggestion", strong);
      button.type = "button";
      button.addEventListener("click", function () { self.input.value = suggestion; self.run(suggestion); self.input.focus(); });
      this.note.appendChild(button);
    } else if (strong) {
      this.note.appendChild(element("strong", "", strong));
    }
    this.note.appendChild(document.createTextNode(after));
    this.note.hidden = false;
  };

  Search.prototype.addButton = function (text, query) {
    var self = this, button = element("button", "ma-search-note__suggestion", text);
    button.type = "button";
    button.addEventListener("click", function () { self.input.value = query; self.runExactly(query); self.input.focus(); });
    this.note.appendChild(button);
  };

  /** Search for exactly what was typed, without correcting it. */
  Search.prototype.runExactly = function (value) {
    var self = this, serial = ++this.serial, query = parseQuery(value);
    var stale = function () { return serial !== self.serial; };
    return search(this.root, query, stale).then(function (found) {
      if (found && !stale()) self.show(found.data.slice(0, SHOWN), query, value, null, found, null);
    });
  };

  Search.prototype.key = function (e) {
    var items = this.list.children;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      var next = this.active + (e.key === "ArrowDown" ? 1 : -1);
      this.select((next + items.length) % items.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      this.go(this.active >= 0 ? this.active : 0);
    } else if (e.key === "Escape") {
      e.preventDefault();
      close(this);
    }
  };

  Search.prototype.select = function (index) {
    var items = this.list.children;
    for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === index ? "true" : "false");
    this.active = index;
    this.input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  };

  Search.prototype.go = function (index) {
    var item = this.list.children[index];
    var url = item && item.getAttribute("data-url");
    if (url) window.location.assign(url);
  };

  function toggle() { return document.getElementById("__search"); }

  function open(instance) {
    var t = toggle();
    if (t && !t.checked) { t.checked = true; t.dispatchEvent(new Event("change")); }
    instance.input.focus();
  }

  function close(instance) {
    var t = toggle();
    if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event("change")); }
    instance.input.blur();
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function start() {
    var root = document.querySelector("[data-ma-search]");
    if (!root || root.maSearch) return;
    // Resolve the bundle's address now: instant navigation later changes the page's base.
    [FULL, NAMES, "data-terms"].forEach(function (name) { root.setAttribute(name, resolveUrl(root.getAttribute(name))); });
    var header = new Search(root);
    root.maSearch = header;
    header.input.addEventListener("focus", function () { var t = toggle(); if (t && !t.checked) t.checked = true; });
    var t = toggle();
    if (t) t.addEventListener("change", function () { if (t.checked) setTimeout(function () { header.input.focus(); }, 50); });
    root.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest(".md-search-result__link");
      if (link) { var tg = toggle(); if (tg) tg.checked = false; }
    });
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || editable(document.activeElement)) return;
      if (e.key === "/" || e.key === "s" || e.key === "f") { e.preventDefault(); open(header); }
    });
    // The search page (search/?q=...) and the home page's field hand their query to the header search.
    var q = new URLSearchParams(location.search).get("q");
    if (q && document.querySelector("[data-ma-search-page]")) {
      header.input.value = q;
      open(header);
      header.run(q);
    }
  }

  window.MyoAtlasSearch = {
    parseQuery: parseQuery,
    distance: distance,
    /** The Pagefind API, loaded once per visit (the finder uses it too). */
    pagefind: function () { return loadPagefind(document.querySelector("[data-ma-search]")); }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  // Instant navigation swaps the page without reloading scripts: hand a new ?q= to the header search.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () {
      var root = document.querySelector("[data-ma-search]");
      var q = new URLSearchParams(location.search).get("q");
      if (root && root.maSearch && q && document.querySelector("[data-ma-search-page]")) {
        root.maSearch.input.value = q; open(root.maSearch); root.maSearch.run(q);
      }
    });
  }
})();

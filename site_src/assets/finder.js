/* "Find a stretch": filters over Pagefind's facets (data-pagefind-filter on exercise pages).
 *
 * The selection lives in the address (?muscle=psoas-major&position=lying-on-back), so it can be
 * shared and survives a reload; every option shows how many exercises it leaves. Labels come from
 * the page (a JSON block written by the generator); results are inserted as text only.
 */
(function () {
  "use strict";

  var PAGE = 24;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function Finder(root) {
    this.root = root;
    this.labels = JSON.parse(document.getElementById("ma-finder-labels").textContent);
    this.selects = Array.prototype.slice.call(root.querySelectorAll("[data-ma-facet]"));
    this.form = root.querySelector("[data-ma-finder-form]");
    this.status = root.querySelector("[data-ma-finder-status]");
    this.list = root.querySelector("[data-ma-finder-results]");
    this.more = root.querySelector("[data-ma-finder-more]");
    this.state = this.fromUrl();
    this.results = [];
    this.shown = 0;
    this.serial = 0;
    var self = this;
    this.selects.forEach(function (select) {
      select.addEventListener("change", function () { self.set(select.name, select.value); });
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("reset", function (e) { e.preventDefault(); self.state = {}; self.update(); });
    this.more.addEventListener("click", function () { self.showMore(); });
    // Body map and deep-muscle links (?muscle=id) filter in place instead of reloading.
    root.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a");
      var href = link && (link.getAttribute("href") || link.getAttribute("xlink:href") || "");
      if (!href || href.indexOf("?muscle=") !== 0) return;
      e.preventDefault();
      e.stopPropagation();
      self.set("muscle", new URLSearchParams(href).get("muscle") || "");
      self.status.scrollIntoView({ block: "start", behavior: "smooth" });
    }, true);
  }

  Finder.prototype.fromUrl = function () {
    var params = new URLSearchParams(location.search), state = {}, labels = this.labels;
    Object.keys(labels).forEach(function (key) {
      var value = params.get(key);
      if (value && Object.prototype.hasOwnProperty.call(labels[key], value)) state[key] = value;
    });
    return state;
  };

  Finder.prototype.set = function (key, value) {
    if (value) this.state[key] = value; else delete this.state[key];
    this.update();
  };

  /** The chosen muscle, coloured on the body map. */
  Finder.prototype.mark = function () {
    var chosen = this.state.muscle;
    this.root.querySelectorAll(".ma-body [data-muscle]").forEach(function (shape) {
      shape.classList.toggle("ma-m--target", shape.getAttribute("data-muscle") === chosen);
    });
  };

  Finder.prototype.toUrl = function () {
    var params = new URLSearchParams(), state = this.state;
    Object.keys(this.labels).forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };

  Finder.prototype.update = function () {
    var self = this, serial = ++this.serial;
    // Pagefind counts only the filters named in the query: name every facet ("none of []" keeps all).
    var filters = { type: "exercise" };
    Object.keys(this.labels).forEach(function (key) { filters[key] = self.state[key] || { none: [] }; });
    this.toUrl();
    this.mark();
    return window.MyoAtlasSearch.pagefind().then(function (pagefind) {
      return pagefind.search(null, { filters: filters, sort: { title: "asc" } });
    }).then(function (found) {
      if (serial !== self.serial) return;
      self.fillOptions(found.filters || {});
      self.results = found.results;
      self.list.textContent = "";
      self.shown = 0;
      self.say(found.results.length);
      return self.showMore();
    }).catch(function (error) {
      self.status.textContent = "The filters could not load (" + (error && error.message || error) + ").";
    });
  };

  Finder.prototype.say = function (count) {
    var self = this;
    var chosen = Object.keys(this.state).map(function (key) { return self.labels[key][self.state[key]]; });
    var what = count === 1 ? "1 exercise" : count + " exercises";
    this.status.textContent = chosen.length ? what + " for " + chosen.join(", ") + "." : what + " in all. Choose a filter to narrow them down.";
  };

  Finder.prototype.fillOptions = function (counts) {
    var self = this;
    this.selects.forEach(function (select) {
      var key = select.name, labels = self.labels[key] || {}, have = counts[key] || {};
      select.textContent = "";
      var any = element("option", "", "Any");
      any.value = "";
      select.appendChild(any);
      Object.keys(labels).forEach(function (id) {
        var count = have[id] || 0;
        if (!count && self.state[key] !== id) return;
        var option = element("option", "", labels[id] + " (" + count + ")");
        option.value = id;
        select.appendChild(option);
      });
      select.value = self.state[key] || "";
    });
  };

  Finder.prototype.showMore = function () {
    var self = this, batch = this.results.slice(this.shown, this.shown + PAGE), serial = this.serial;
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (serial !== self.serial) return;
      data.forEach(function (d) {
        var item = element("li", "ma-finder__result");
        var link = element("a", "", d.meta.title || d.url);
        link.href = /^\/[^/]/.test(d.url) ? d.url : "#";
        item.appendChild(link);
        var about = [d.meta.type, d.meta.about].filter(Boolean).join(" · ");
        if (about) item.appendChild(element("span", "ma-finder__about", " — " + about));
        self.list.appendChild(item);
      });
    });
  };

  function start() {
    var root = document.querySelector("[data-ma-finder]");
    if (!root || root.maFinder || !window.MyoAtlasSearch) return;
    root.maFinder = new Finder(root);
    root.maFinder.update();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

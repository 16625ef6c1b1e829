/* MyoAtlas reading aids. Everything runs again on each page change: document$ is Material's page
   stream, so instant navigation is covered. Nothing here fetches anything: a page keeps working
   offline once it has loaded. */
(function () {
  "use strict";


  function text(el) {
    return (el.textContent || "").replace(/\u00b6/g, "").trim();
  }

  function make(tag, attrs, content) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") el.className = attrs[k];
      else if (k === "text") el.textContent = attrs[k];
      else el.setAttribute(k, attrs[k]);
    });
    (content || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }

  /* ---- Tables that fit: each cell knows its column name, so rows can stack into cards. ---- */
  function labelTables(root) {
    root.querySelectorAll("article table:not([class])").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
      if (heads.length < 2) return;
      table.setAttribute("data-stack", "");
      // Stacked rows are display: block; explicit roles keep the table a table for screen readers.
      table.setAttribute("role", "table");
      table.querySelectorAll("thead, tbody").forEach(function (g) { g.setAttribute("role", "rowgroup"); });
      table.querySelectorAll("tr").forEach(function (r) { r.setAttribute("role", "row"); });
      table.querySelectorAll("th").forEach(function (c) { c.setAttribute("role", "columnheader"); });
      table.querySelectorAll("td").forEach(function (c) { c.setAttribute("role", "cell"); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i]) cell.setAttribute("data-label", heads[i]);
        });
      });
    });
    // A table that still scrolls sideways gets a keyboard stop and a name (WCAG 2.1.1).
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* ---- Finding your place: "On this page" on screens without the right-hand contents. ---- */
  function onThisPage(root) {
    var article = root.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".myoatlas-onthispage")) return;
    var side = root.querySelector(".md-sidebar--secondary");
    if (!side || side.hidden) return; // the page hides its contents on purpose (home page)
    var heads = Array.prototype.filter.call(article.querySelectorAll("h2[id]"), function (h) {
      return !h.closest(".myoatlas-rm, details, .admonition");
    });
    if (heads.length < 4) return;
    var list = make("ul");
    heads.forEach(function (h) {
      list.appendChild(make("li", {}, [make("a", { href: "#" + h.id, text: text(h) })]));
    });
    var box = make("details", { class: "myoatlas-onthispage" }, [
      make("summary", { text: "On this page" }),
      make("nav", { "aria-label": "On this page" }, [list]),
    ]);
    list.addEventListener("click", function (e) {
      if (e.target.closest("a")) box.open = false;
    });
    var anchor = article.querySelector(".myoatlas-top-end") || heads[0];
    anchor.parentNode.insertBefore(box, anchor);
  }

  /* ---- An exercise opened from a routine links back to that routine. ---- */
  function routineFrom() {
    var m = /[?&]from=([a-z0-9]+(?:-[a-z0-9]+)*)(?:&|$)/.exec(location.search);
    return m ? m[1] : null;
  }

  function backToRoutine(root) {
    var from = routineFrom();
    var back = root.querySelector("article a.myoatlas-back");
    if (!from || !back) return;
    // Only a routine this exercise really belongs to (listed on the page) can be the way back.
    var target = Array.prototype.find.call(root.querySelectorAll("article a[href]"), function (a) {
      return new URL(a.href, location.href).pathname.replace(/\/(index\.html)?$/, "").endsWith("/routines/" + from);
    });
    if (!target) return;
    var url = new URL(target.href, location.href);
    var saved = loadState(from);
    url.hash = saved && saved.open ? "step-" + (saved.step + 1) : "";
    back.href = url.pathname + url.hash;
    back.textContent = "\u2190 Back to " + text(target);
    back.setAttribute("data-routine", from);
  }

  /* ---- Routine mode ------------------------------------------------------------------- */
  function secondMs() {
    var ms = Number(window.MYOATLAS_SECOND_MS);
    return ms > 0 ? ms : 1000;
  }

  function loadState(id) {
    try { return JSON.parse(localStorage.getItem("myoatlas-routine:" + id) || "null"); } catch (e) { return null; }
  }

  function saveState(id, state) {
    try { localStorage.setItem("myoatlas-routine:" + id, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  /* How a step is counted: a timed hold (10 s or more), repeated `count` times, on one or both sides.
     The routine's own dose text wins ("hold 30 seconds, 2-3 times each side"); ranges count from their
     lower end; without a dose text, the exercise's structured dose is used. */
  var WORDS = { once: 1, twice: 2, "three times": 3 };
  function plan(step) {
    var t = (step.dose || "").toLowerCase().replace(/[\u2013\u2014]/g, "-").replace(/\s+-\s+/g, "-");
    var d = step.exercise_dose || {};
    var own = !!step.routine_dose;
    var p = { hold: 0, count: 1, unit: "time", sides: 1, reps: 0, shortHold: 0 };
    var m, counted = false;
    if ((m = /(\d+)(?:-\d+)? (?:[a-z-]+ )?(?:holds?|squeezes|presses) of (\d+)(?:-\d+)? ?(?:seconds|secs?|s)\b/.exec(t))) {
      p.count = +m[1]; p.hold = +m[2]; counted = true;
    } else if ((m = /hold(?: for)? (?:about )?(\d+)(?:-\d+)? ?(?:seconds|secs?|s)\b/.exec(t))) p.hold = +m[1];
    else if ((m = /(\d+)-second hold/.exec(t))) p.hold = +m[1];
    else if ((m = /(\d+)(?:-\d+)? ?minutes?\b/.exec(t))) p.hold = +m[1] * 60;
    else if (!own && d.hold_seconds) p.hold = d.hold_seconds;
    else if (!own && d.duration_minutes) p.hold = d.duration_minutes * 60;
    if (counted) { /* done above */ }
    else if ((m = /(\d+)(?:-\d+)? sets\b/.exec(t))) { p.count = +m[1]; p.unit = "set"; }
    else if ((m = /(\d+)(?:-\d+)? (?:slow |gentle )?(?:times|rounds|repetitions|reps|holds|squeezes|presses)\b/.exec(t))) p.count = +m[1];
    else if ((m = /\b(once|twice|three times)\b/.exec(t))) p.count = WORDS[m[1]];
    else if ((m = /^(\d+)(?:-\d+)? (?:each|per|on)\b/.exec(t))) p.count = +m[1];
    else if (!own && d.sets) { p.count = d.sets; p.unit = "set"; }
    else if (!own && d.reps) p.count = d.reps;
    // Short holds (a few seconds) are counted by the reader, not timed.
    if (p.hold && p.hold < 10) { p.shortHold = p.hold; p.hold = 0; }
    if (p.hold && p.unit === "time") p.unit = "hold";
    // "15 times each leg" without a timer: one round per side, not fifteen taps.
    if (!p.hold && p.unit === "time") { p.reps = p.count; p.count = 1; p.unit = "round"; }
    if (/\b(each|per|every) (side|leg|arm|foot|hand|way)\b|\b(in )?each direction\b|\bon both sides\b/.test(t) || (!own && d.per_side)) p.sides = 2;
    p.total = p.count * p.sides;
    return p;
  }

  /* The exercise's own dose as a sentence, when the routine does not give one. */
  function doseText(d) {
    var parts = [];
    if (d.hold_seconds) parts.push("hold for " + d.hold_seconds + " seconds");
    if (d.duration_minutes) parts.push(d.duration_minutes + " minutes");
    if (d.reps) parts.push(d.reps + (d.hold_seconds ? " times" : " repetitions"));
    if (d.sets) parts.push(d.sets + " sets");
    if (d.per_side) parts.push("on each side");
    return parts.join(", ");
  }

  function clockText(s) {
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  var audio = null;
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audio = audio || new Ctx();
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.35);
    } catch (e) { /* no sound: the visual signal remains */ }
  }

  function RoutineMode(root, data) {
    this.root = root;
    this.data = data;
    this.plans = data.steps.map(plan);
    this.links = {};
    var self = this;
    root.querySelectorAll("a[data-routine-step]").forEach(function (a) {
      self.links[a.getAttribute("data-routine-step")] = a.href;
      a.href = withFrom(a.href, data.id);
    });
    this.build();
  }

  function withFrom(href, id) {
    var url = new URL(href, location.href);
    url.searchParams.set("from", id);
    return url.pathname + url.search + url.hash;
  }

  RoutineMode.prototype.build = function () {
    var self = this, data = this.data;
    var start = this.root.querySelector(".myoatlas-rm-start");
    this.startButton = make("button", { type: "button", class: "myoatlas-rm__btn myoatlas-rm__btn--main", text: "Start step-by-step mode" });
    start.appendChild(this.startButton);
    start.hidden = false;
    this.startButton.addEventListener("click", function () { self.open(0, true); });

    this.panel = make("section", { class: "myoatlas-rm", "aria-label": "Routine mode: " + data.title, hidden: "" });
    this.progress = make("p", { class: "myoatlas-rm__progress" });
    this.exit = make("button", { type: "button", class: "myoatlas-rm__btn", text: "Close routine mode" });
    this.bar = make("span");
    this.title = make("h2", { tabindex: "-1" });
    this.dose = make("p", { class: "myoatlas-rm__dose" });
    this.note = make("p", { class: "myoatlas-rm__note" });
    this.figure = make("div", { class: "myoatlas-rm__figure" });
    this.how = make("ol", { class: "myoatlas-rm__steps" });
    this.more = make("a", { class: "myoatlas-rm__more", href: "#", hidden: "" }); // a real link from the start (crawlable)
    this.clock = make("div", { class: "myoatlas-rm__clock", role: "timer", "aria-label": "Hold timer", "aria-live": "off" });
    this.count = make("p", { class: "myoatlas-rm__count" });
    this.main = make("button", { type: "button", class: "myoatlas-rm__btn myoatlas-rm__btn--main" });
    this.stop = make("button", { type: "button", class: "myoatlas-rm__btn", text: "Stop" });
    this.undo = make("button", { type: "button", class: "myoatlas-rm__btn", text: "Undo", "aria-label": "Count one less" });
    this.prev = make("button", { type: "button", class: "myoatlas-rm__btn", text: "\u2190 Previous" });
    this.next = make("button", { type: "button", class: "myoatlas-rm__btn", text: "Next \u2192" });
    this.live = make("p", { class: "myoatlas-sr-only myoatlas-rm__live", "aria-live": "assertive", "aria-atomic": "true" });
    this.sound = make("input", { type: "checkbox", id: "myoatlas-rm-sound" });
    this.sound.checked = localStorage.getItem("myoatlas-sound") !== "off";
    this.awake = make("span", { class: "myoatlas-rm__awake" });
    // Controls first, so they stay within reach on a phone; the how-to follows.
    this.card = make("div", { class: "myoatlas-rm__card" }, [
      this.title, this.dose, this.note, this.clock, this.count,
      make("div", { class: "myoatlas-rm__actions" }, [this.main, this.stop, this.undo]),
    ]);
    this.details = make("div", { class: "myoatlas-rm__how" }, [
      this.figure, make("h3", { text: "How to do it" }), this.how, make("p", {}, [this.more]),
    ]);
    this.done = make("div", { class: "myoatlas-rm__done", hidden: "" }, [
      make("h2", { tabindex: "-1", text: "Routine complete" }),
      make("p", { text: "Well done. If anything caused sharp pain, numbness or tingling, stop and read \u201cTake care\u201d on this page before the next round." }),
    ]);
    this.panel.append(
      make("div", { class: "myoatlas-rm__top" }, [this.progress, this.exit]),
      make("div", { class: "myoatlas-rm__bar", "aria-hidden": "true" }, [this.bar]),
      this.card, this.done,
      make("div", { class: "myoatlas-rm__nav" }, [this.prev, this.next]),
      this.details,
      make("p", { class: "myoatlas-rm__options" }, [
        this.sound, make("label", { for: "myoatlas-rm-sound", text: " Beep when a hold ends" }),
      ]),
      make("p", { class: "myoatlas-rm__options" }, [this.awake]),
      this.live
    );
    start.parentNode.insertBefore(this.panel, start.nextSibling);

    this.main.addEventListener("click", function () { self.action(); });
    this.stop.addEventListener("click", function () { self.stopTimer(true); });
    this.undo.addEventListener("click", function () { self.setDone(Math.max(0, self.state.done - 1)); });
    this.prev.addEventListener("click", function () { self.go(self.state.step - 1); });
    this.next.addEventListener("click", function () { self.go(self.state.step + 1); });
    this.exit.addEventListener("click", function () { self.close(); });
    this.sound.addEventListener("change", function () {
      try { localStorage.setItem("myoatlas-sound", self.sound.checked ? "on" : "off"); } catch (e) { /* ignore */ }
    });
    this.panel.addEventListener("keydown", function (e) {
      if (e.target.tagName === "INPUT" || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowRight" && !self.next.disabled) { e.preventDefault(); self.go(self.state.step + 1); }
      if (e.key === "ArrowLeft" && !self.prev.disabled) { e.preventDefault(); self.go(self.state.step - 1); }
      if (e.key === "Escape") { e.preventDefault(); self.close(); }
    });
    this.onVisible = function () {
      if (document.visibilityState === "visible" && !self.panel.hidden) self.keepAwake();
    };
    document.addEventListener("visibilitychange", this.onVisible);

    var m = /^#step-(\d+)$/.exec(location.hash);
    var saved = loadState(data.id);
    if (m) {
      var step = Math.min(Math.max(+m[1] - 1, 0), data.steps.length);
      this.open(step, false, saved && saved.step === step ? saved.done : 0);
    }
  };

  RoutineMode.prototype.open = function (step, focus, done) {
    this.panel.hidden = false;
    this.startButton.hidden = true;
    this.show(step, done || 0);
    this.keepAwake();
    this.panel.scrollIntoView({ block: "start" });
    if (focus) this.main.focus();
  };

  RoutineMode.prototype.close = function () {
    this.stopTimer(false);
    this.panel.hidden = true;
    this.startButton.hidden = false;
    this.releaseAwake();
    saveState(this.data.id, { step: this.state.step, done: this.state.done, open: false });
    history.replaceState(history.state, "", location.pathname + location.search);
    this.startButton.focus();
  };

  RoutineMode.prototype.keepAwake = function () {
    var self = this;
    if (!("wakeLock" in navigator) || this.lock) {
      if (!("wakeLock" in navigator)) this.awake.textContent = "";
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) {
      self.lock = lock;
      self.awake.textContent = "The screen stays on while routine mode is open.";
      lock.addEventListener("release", function () { self.lock = null; });
    }).catch(function () { self.awake.textContent = ""; });
  };

  RoutineMode.prototype.releaseAwake = function () {
    if (this.lock) { this.lock.release().catch(function () {}); this.lock = null; }
  };

  RoutineMode.prototype.go = function (step) {
    this.stopTimer(false);
    this.show(step, 0);
    var n = this.data.steps.length;
    if (step >= n) {
      this.say("Routine complete.");
      this.done.querySelector("h2").focus();
    } else {
      this.say("Step " + (step + 1) + " of " + n + ": " + this.data.steps[step].title + ". " + (this.data.steps[step].dose || ""));
      if (document.activeElement === document.body || this.panel.contains(document.activeElement) === false) this.main.focus();
    }
  };

  RoutineMode.prototype.say = function (message) {
    var live = this.live;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 30);
  };

  RoutineMode.prototype.show = function (step, done) {
    var data = this.data, n = data.steps.length;
    step = Math.min(Math.max(step, 0), n);
    this.state = { step: step, done: done };
    history.replaceState(history.state, "", location.pathname + location.search + "#step-" + (step + 1));
    saveState(data.id, { step: step, done: done, open: true });
    this.bar.style.width = Math.round(100 * Math.min(step, n) / n) + "%";
    this.prev.disabled = step === 0;
    this.next.disabled = step >= n;
    if (step >= n) {
      this.progress.textContent = "All " + n + " steps done";
      this.card.hidden = true;
      this.details.hidden = true;
      this.done.hidden = false;
      this.next.textContent = "Next \u2192";
      return;
    }
    this.card.hidden = false;
    this.details.hidden = false;
    this.done.hidden = true;
    var s = data.steps[step], p = this.plans[step];
    this.progress.textContent = "Step " + (step + 1) + " of " + n;
    this.title.textContent = s.title;
    this.dose.textContent = cap(s.dose || doseText(s.exercise_dose || {}));
    this.note.textContent = s.note || "";
    this.note.hidden = !s.note;
    this.how.textContent = "";
    (s.how || []).forEach(function (line) { this.how.appendChild(make("li", { text: line })); }, this);
    this.figure.textContent = "";
    var fig = this.root.querySelector('template[data-routine-figure="' + (step + 1) + '"]');
    if (fig) this.figure.appendChild(fig.content.cloneNode(true));
    this.figure.hidden = !fig;
    var href = this.links[String(step + 1)];
    this.more.textContent = "Full instructions for " + s.title;
    this.more.href = href ? withFrom(href, data.id) : "#";
    this.more.hidden = !href;
    this.next.textContent = step === n - 1 ? "Finish \u2192" : "Next \u2192";
    this.clock.hidden = !p.hold;
    this.clock.className = "myoatlas-rm__clock";
    if (p.hold) this.clock.textContent = clockText(p.hold);
    this.setDone(done);
  };

  RoutineMode.prototype.counterText = function () {
    var p = this.plans[this.state.step], done = this.state.done;
    if (p.total === 1 && p.reps < 2 && !p.shortHold) return done ? "Done \u2713" : "";
    if (done >= p.total && p.unit === "round") return "Done \u2713" + (p.sides > 1 ? " on both sides" : "");
    if (done >= p.total) return "Done: " + this.unitWord(p, p.total) + (p.sides > 1 ? " on each side" : "");
    var perSide = p.count, side = Math.floor(done / perSide) + 1, within = done % perSide + 1;
    var parts = [];
    if (p.sides > 1) parts.push((side === 1 ? "First" : "Second") + " side");
    if (p.count > 1 || p.unit === "set") parts.push(cap(p.unit) + " " + within + " of " + p.count);
    if (p.reps > 1) parts.push(p.reps + " times");
    if (p.shortHold) parts.push("hold " + p.shortHold + " s each");
    return parts.join(" \u00b7 ") || (p.hold ? "Once, " + clockText(p.hold) : "Once");
  };

  RoutineMode.prototype.unitWord = function (p, total) {
    var per = p.count;
    return per + " " + p.unit + (per === 1 ? "" : "s");
  };

  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  RoutineMode.prototype.setDone = function (done) {
    var p = this.plans[this.state.step];
    this.state.done = Math.min(Math.max(done, 0), p.total);
    saveState(this.data.id, { step: this.state.step, done: this.state.done, open: true });
    this.count.textContent = this.counterText();
    var finished = this.state.done >= p.total;
    this.undo.disabled = this.state.done === 0 || !!this.timer;
    this.stop.hidden = !this.timer;
    this.main.disabled = finished || !!this.timer;
    if (this.timer) {
      this.main.textContent = "Timer running\u2026";
    } else if (finished) {
      this.main.textContent = "Step done \u2713";
    } else if (p.hold) {
      this.main.textContent = "Start " + (p.hold >= 60 ? clockText(p.hold) : p.hold + " s") + " timer";
    } else {
      this.main.textContent = p.unit === "set" ? "Set done" : (p.sides > 1 ? "Side done" : "Done");
    }
    this.next.classList.toggle("myoatlas-rm__btn--main", finished);
  };

  RoutineMode.prototype.action = function () {
    var p = this.plans[this.state.step];
    if (p.hold) this.startTimer(p.hold);
    else {
      this.setDone(this.state.done + 1);
      this.say(this.counterText());
      if (this.state.done >= p.total) this.next.focus();
    }
  };

  RoutineMode.prototype.startTimer = function (seconds) {
    var self = this, unit = secondMs(), started = Date.now();
    this.stopTimer(false);
    this.clock.className = "myoatlas-rm__clock is-running";
    this.clock.textContent = clockText(seconds);
    this.main.disabled = true;
    this.say("Timer started: " + seconds + " seconds.");
    var half = false;
    this.timer = window.setInterval(function () {
      var left = seconds - Math.floor((Date.now() - started) / unit);
      if (left > 0) {
        self.clock.textContent = clockText(left);
        if (!half && seconds >= 20 && left <= seconds / 2) { half = true; self.say("Half way: " + left + " seconds left."); }
        return;
      }
      self.finishTimer();
    }, Math.max(10, Math.min(250, unit / 4)));
    this.setDone(this.state.done);
    this.stop.focus();
  };

  RoutineMode.prototype.finishTimer = function () {
    window.clearInterval(this.timer);
    this.timer = null;
    this.clock.textContent = "0:00";
    this.clock.className = "myoatlas-rm__clock is-done";
    if (this.sound.checked) beep();
    if (navigator.vibrate) { try { navigator.vibrate(200); } catch (e) { /* ignore */ } }
    this.setDone(this.state.done + 1);
    var p = this.plans[this.state.step];
    var finished = this.state.done >= p.total;
    this.say("Time is up. " + (finished ? "Step done. Go to the next step." : this.counterText() + " next."));
    this.clock.setAttribute("data-ended", String(Date.now()));
    (finished ? this.next : this.main).focus();
  };

  RoutineMode.prototype.stopTimer = function (announce) {
    if (!this.timer) return;
    window.clearInterval(this.timer);
    this.timer = null;
    var p = this.plans[this.state.step];
    this.clock.className = "myoatlas-rm__clock";
    this.clock.textContent = clockText(p.hold);
    this.setDone(this.state.done);
    if (announce) { this.say("Timer stopped."); this.main.focus(); }
  };

  var current = null;
  function routineMode(root) {
    if (current) { // leaving a routine page through instant navigation
      current.stopTimer(false);
      current.releaseAwake();
      document.removeEventListener("visibilitychange", current.onVisible);
      current = null;
    }
    var el = root.querySelector("script#myoatlas-routine-data");
    if (!el) return;
    var data;
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    if (!data || !data.steps || !data.steps.length) return;
    current = new RoutineMode(root, data);
  }

  function init() {
    labelTables(document);
    routineMode(document);
    onThisPage(document);
    backToRoutine(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () { labelTables(document); }, 200);
  });
})();

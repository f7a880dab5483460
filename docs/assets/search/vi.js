/*
 * Vietnamese words for the site's search: shared by the search worker
 * (assets/search/worker.js), the page and the on-page highlighter
 * (assets/search-highlight.js). The index side is vanban/search_index.py;
 * tests/test_search_fold.py holds both to the same rules.
 *
 * Two forms of a word:
 * - folded: NFD, combining marks removed (tones, circumflex, breve, horn),
 *   đ -> d, lower case. "Hoà", "hòa", "HOA" and "hoa" all become "hoa".
 *   The index holds folded words; every query matches them;
 * - accented: lower case, NFC, the tone mark of an open "oa", "oe", "uy"
 *   moved to the second vowel, so both tone-placement styles are one word
 *   ("hòa" and "hoà" become "hoà", "ủy" and "uỷ" become "uỷ") while "dân"
 *   and "dẫn" stay apart. A query word typed with diacritics ranks the
 *   entries holding exactly that word first.
 *
 * A word: letters, marks and digits; "69,5" and "25.12" stay one word;
 * everything else separates ("855/KH-UBND" is 855, kh, ubnd).
 *
 * On a page (not in the worker) this file also:
 * - keeps one query in flight: Material posts one per keystroke, and on a
 *   large site the worker may still be busy with "tuyen t" when the reader
 *   has typed "tuyen truyen". While a query runs only the newest typed one
 *   waits; the ones between are never computed (`stats` counts them for the
 *   tests and the benchmark). It wraps `Worker.prototype.postMessage` for
 *   Material's query messages only (also the file:// iframe-worker shim,
 *   which replaces `Worker`);
 * - notes the word still being typed for the page a result leads to
 *   (sessionStorage), where `?h=` marks the words it begins;
 * - names, above the results, a search answered with partial matches: the
 *   worker says so beside Material's result list (`data.vi`), and the result
 *   count line then reads "Kết quả gần đúng…" with the words no entry holds;
 *   when more entries hold every word than the worker shows (it reads and
 *   shows the best few dozen), the line says how many hold them.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;  // CommonJS (Node), for tooling
  } else {
    root.viSearch = api;
    if (typeof root.document !== "undefined" && root.Worker && !root.viSearchWorker)
      api.rewriteQueries(root.Worker);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* Material's message types (SearchMessageType) */
  var QUERY = 2;
  var RESULT = 3;
  /* sessionStorage key of the word still being typed in the last query */
  var PREFIX_KEY = "viSearch.prefix";

  var COMBINING_MARKS = /\p{M}+/gu;
  var D_WITH_STROKE = /[đĐ]/g;
  /* Tone marks after NFD: huyền, sắc, ngã, hỏi, nặng */
  var TONE = "[\u0300\u0301\u0303\u0309\u0323]";
  /* Old tone placement in "oa", "oe", "uy": the tone on the first vowel */
  var TONE_ON_FIRST = new RegExp("o(" + TONE + ")([ae])|u(" + TONE + ")y", "g");
  /* A word as a reader sees it; "69,5" and "25.12" stay one word */
  var WORD = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/gu;
  /* Markup in the index text: tags and character references separate words */
  var MARKUP = /<[^>]*>|&#?\w+;/g;
  var CURLY_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;

  /**
   * Fold Vietnamese text for matching: no diacritics, đ -> d, lower case.
   * Accepts precomposed (NFC) and decomposed (NFD) input alike.
   */
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(COMBINING_MARKS, "")
      .replace(D_WITH_STROKE, "d")
      .toLowerCase();
  }

  /**
   * The accented form of a text: lower case, NFC, and the tone of "oa",
   * "oe", "uy" on the second vowel ("Hòa" and "hoà" -> "hoà"). Diacritics
   * stay: "dân" and "dẫn" differ.
   */
  function accented(text) {
    return String(text)
      .normalize("NFD")
      .toLowerCase()
      .replace(TONE_ON_FIRST, function (pair, toneO, vowel, toneU) {
        return toneO ? "o" + vowel + toneO : "uy" + toneU;
      })
      .normalize("NFC");
  }

  /** Folded words of a text, in order. */
  function words(text) {
    return fold(text).match(WORD) || [];
  }

  /**
   * Each word of a text: its start, end, folded and accented forms. With
   * `html`, tags and character references separate words and are never
   * inside one (the offsets are those of the HTML string).
   */
  function findWords(text, html) {
    var source = String(text);
    if (html) source = source.replace(MARKUP, function (m) { return " ".repeat(m.length); });
    var found = [];
    var match;
    var pattern = new RegExp(WORD.source, WORD.flags);
    while ((match = pattern.exec(source))) {
      var forms = wordForms(match[0]);
      found.push({ start: match.index, end: match.index + match[0].length,
                   folded: forms[0], accented: forms[1] });
    }
    return found;
  }

  /* [folded, accented] of a word; remembered (a text repeats few distinct
     words, and normalising is the costly part of reading a text) */
  var forms = new Map();
  function wordForms(word) {
    var known = forms.get(word);
    if (!known) {
      if (forms.size > 100000) forms.clear();
      forms.set(word, known = [fold(word), accented(word)]);
    }
    return known;
  }

  /**
   * A raw query as the reader typed it: its words in order, each
   * { folded, accented ("" when typed without diacritics), prefix },
   * where the last word is a prefix unless something other than a letter or
   * digit (white space, a closing quote or bracket) ends the query; `phrases`: the ranges of words written in quotes, which
   * must stand together; `excluded`: folded words marked "-word".
   */
  function parseQuery(raw) {
    var text = String(raw).normalize("NFC").replace(CURLY_QUOTES, "\"");
    var terms = [];
    var phrases = [];
    var excluded = [];
    var quoted = false;
    var start = 0;
    var lastExcluded = false;
    var parts = text.split(/(\s+|")/);
    parts.forEach(function (part) {
      if (part === "\"") {
        if (quoted && terms.length > start) phrases.push([start, terms.length - 1]);
        quoted = !quoted;
        start = terms.length;
        return;
      }
      if (!part || /^\s+$/.test(part)) return;
      var exclude = !quoted && part.charAt(0) === "-" && part.length > 1;
      lastExcluded = exclude;
      findWords(part).forEach(function (word) {
        if (exclude) {
          excluded.push(word.folded);
          return;
        }
        terms.push({ folded: word.folded, accented: word.accented === word.folded ? "" : word.accented,
                     prefix: false });
      });
    });
    /* White space, a closing quote or bracket, any mark after the last word ends it */
    var finished = !/[\p{L}\p{M}\p{N}]$/u.test(text) || !terms.length || lastExcluded;
    if (!finished) terms[terms.length - 1].prefix = true;
    return { terms: terms, phrases: phrases, excluded: excluded };
  }

  /**
   * The word of a raw query still being typed (a prefix), or "" when the
   * query ends in white space or closes a quoted phrase. The page a result
   * leads to uses it to tell prefix terms from whole words in `?h=`.
   */
  function typedPrefix(query) {
    var terms = parseQuery(query).terms;
    var last = terms[terms.length - 1];
    return last && last.prefix ? last.folded : "";
  }

  /* Queries sent to the worker and answered (read by the tests and the benchmark) */
  var stats = { sent: 0, answered: 0, waiting: false, last: null, ms: null };

  /* Interface strings of the page half (overrides/partials/search-strings.html) */
  function strings() {
    var element = typeof document !== "undefined" && document.getElementById("__vi_search");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (err) {
      return {};
    }
  }

  /**
   * After Material drew an answer of partial matches, say so where it
   * counts the results (its listener runs before this one: it subscribed
   * when it created the worker).
   */
  function nameApproximate(answer) {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || !answer || !answer.vi) return;
    var text = strings();
    var shown = answer.items.reduce(function (count, group) {
      return count + group.filter(function (item) { return item.score > 0; }).length;
    }, 0);
    if (!answer.vi.approximate && answer.vi.total > answer.vi.read) {
      /* More entries hold every word than the worker read (it shows the best) */
      var counts = [shown, answer.vi.total].map(function (n) { return n.toLocaleString("vi-VN"); });
      meta.textContent = (text.top || "# mục khớp nhất trong số # mục có đủ mọi từ")
        .replace("#", counts[0]).replace("#", counts[1]);
      meta.removeAttribute("data-vi-approximate");
    } else if (answer.vi.approximate && answer.items.length) {
      var absent = answer.vi.absent || [];
      meta.textContent = absent.length
        ? (text.absent || "Kết quả gần đúng: không tìm thấy #").replace("#", absent.join(", "))
        : (text.approximate || "Kết quả gần đúng: không mục nào có đủ mọi từ");
      meta.setAttribute("data-vi-approximate", "");
    } else {
      meta.removeAttribute("data-vi-approximate");
    }
  }

  /**
   * Keep one query in flight to the worker and note the word being typed
   * (main thread; see the file header).
   */
  function rewriteQueries(Worker) {
    var post = Worker.prototype.postMessage;
    if (post.viSearch) return;
    var rewritten = function (message) {
      if (!(message && message.type === QUERY && typeof message.data === "string"))
        return post.apply(this, arguments);
      var worker = this;
      var query = { type: QUERY, data: message.data };
      try {
        sessionStorage.setItem(PREFIX_KEY, typedPrefix(message.data));
      } catch (err) { /* storage disabled: the page guesses */ }
      if (!worker.viSearchQueue) {
        var queue = worker.viSearchQueue = { busy: false, next: null };
        worker.addEventListener("message", function (ev) {
          if (!ev.data || ev.data.type !== RESULT) return;
          nameApproximate(ev.data.data);
          stats.ms = ev.data.data && ev.data.data.vi ? ev.data.data.vi.ms : null;
          stats.answered++;
          queue.busy = false;
          if (queue.next) {
            var next = queue.next;
            queue.next = null;
            send(worker, next);
          }
          stats.waiting = false;
        });
      }
      if (worker.viSearchQueue.busy) {
        worker.viSearchQueue.next = query;
        stats.waiting = true;
      } else {
        send(worker, query);
      }
    };
    function send(worker, query) {
      worker.viSearchQueue.busy = true;
      stats.sent++;
      stats.last = query.data;
      post.call(worker, query);
    }
    rewritten.viSearch = true;
    Worker.prototype.postMessage = rewritten;
  }

  return {
    fold: fold,
    accented: accented,
    words: words,
    findWords: findWords,
    parseQuery: parseQuery,
    typedPrefix: typedPrefix,
    PREFIX_KEY: PREFIX_KEY,
    rewriteQueries: rewriteQueries,
    stats: stats
  };
});

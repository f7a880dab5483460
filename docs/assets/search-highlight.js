/*
 * On the page a search result leads to (`?h=cai+cach`), mark the words whose
 * accent-folded form is a folded query term: "cải cách" for "cai cach",
 * "Hòa" for "hoà"; the word that was still being typed marks the words it
 * begins ("tru" marks "truyền"). With several terms, only where the query's
 * words stand near each other (as the search worker marks its previews).
 *
 * Material's own highlighter (feature `search.highlight`) matches the query
 * literally, so it misses accented words for unaccented queries and may cut
 * a word in two. This script replaces its marks with whole-word marks, also
 * when Material's highlighter runs after it (it waits for the search index).
 * Needs `window.viSearch` from assets/search/vi.js.
 */
(function () {
  "use strict";

  var vi = window.viSearch;
  var MARK = "data-md-highlight";
  var SKIP = { SCRIPT: true, STYLE: true, TEXTAREA: true };

  function queryTerms() {
    var h = new URL(location.href).searchParams.get("h");
    return h ? vi.words(h) : [];
  }

  function storedPrefix() {
    try {
      return sessionStorage.getItem(vi.PREFIX_KEY);
    } catch (err) {
      return null;
    }
  }

  /* A term marks the words equal to it once folded, except the word that was
     still being typed, which marks the words it begins ("tru": "truyền").
     Without that note (a shared link), a term equal to no word on the page
     is taken for a prefix. */
  function matcher(root, terms) {
    var prefix = storedPrefix();
    var present = {};
    if (prefix === null)
      vi.words(root.textContent).forEach(function (word) { present[word] = true; });
    function isPrefix(term) {
      return prefix === null ? !present[term] : term === prefix;
    }
    var exact = terms.filter(function (term) { return !isPrefix(term); });
    var prefixes = terms.filter(isPrefix);
    /* The term a word matches, or null */
    return function (folded) {
      if (exact.indexOf(folded) >= 0) return folded;
      for (var i = 0; i < prefixes.length; i++)
        if (folded.indexOf(prefixes[i]) === 0) return prefixes[i];
      return null;
    };
  }

  /* Remove every highlight mark (Material's and ours), keeping the text. */
  function unmark(root) {
    var marks = root.querySelectorAll("mark[" + MARK + "]");
    for (var i = 0; i < marks.length; i++) {
      var mark = marks[i];
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
  }

  /* Positions apart within which two query words are near (as the worker) */
  var NEAR = 2;

  /* Mark the words of `root` matching a term. With several terms, a word is
     marked where another term's word stands within NEAR words ("hành" in
     "cải cách hành chính", not in "ban hành"), or everywhere when its term is
     near no other one on the page, as the search worker marks its previews. */
  function markWords(root, matches) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && !SKIP[node.parentElement.tagName]
          ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var found = [];  // every word of the page, in order: { text, word, term }
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      vi.findWords(node.nodeValue).forEach(function (word) {
        found.push({ text: node, word: word, term: matches(word.folded) });
      });
    }
    var terms = {};
    found.forEach(function (item) { if (item.term !== null) terms[item.term] = true; });
    var several = Object.keys(terms).length > 1;
    function nearOther(n) {
      for (var m = Math.max(0, n - NEAR); m <= Math.min(found.length - 1, n + NEAR); m++)
        if (m !== n && found[m].term !== null && found[m].term !== found[n].term) return true;
      return false;
    }
    var near = {};
    if (several) found.forEach(function (item, n) { if (item.term !== null && nearOther(n)) near[item.term] = true; });
    var hits = found.filter(function (item, n) {
      return item.term !== null && (!several || !near[item.term] || nearOther(n));
    });
    /* Split each text node from its last hit backwards: earlier offsets stay valid. */
    for (var i = hits.length - 1; i >= 0; i--) {
      var hit = hits[i];
      var word = hit.text.splitText(hit.word.start);
      word.splitText(hit.word.end - hit.word.start);
      var mark = document.createElement("mark");
      mark.setAttribute(MARK, "");
      word.parentNode.replaceChild(mark, word);
      mark.appendChild(word);
    }
  }

  function highlight(root) {
    var terms = queryTerms();
    if (!terms.length) return;
    var observer = new MutationObserver(function (records) {
      var foreign = records.some(function (record) {
        return Array.prototype.some.call(record.addedNodes, function (node) {
          return node.nodeType === 1 && !node.hasAttribute("data-vi-highlight") &&
            (node.matches("mark[" + MARK + "]") || node.querySelector("mark[" + MARK + "]"));
        });
      });
      if (foreign) run();
    });
    function run() {
      observer.disconnect();
      unmark(root);
      markWords(root, matcher(root, terms));
      root.querySelectorAll("mark[" + MARK + "]").forEach(function (mark) {
        mark.setAttribute("data-vi-highlight", "");
      });
      observer.observe(root, { childList: true, subtree: true });
    }
    run();
  }

  function start() {
    var root = document.querySelector("[data-md-component=content]");
    if (root && vi) highlight(root);
  }

  /* Material's document$ fires on every page, also with instant navigation. */
  if (window.document$ && typeof window.document$.subscribe === "function")
    window.document$.subscribe(start);
  else if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", start);
  else
    start();
})();

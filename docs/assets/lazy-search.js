/*
 * Start the search worker when the reader first reaches for search.
 *
 * Material for MkDocs starts its search worker on every page view over HTTP:
 * the worker script (lunr and Material's search code) and lunr's language
 * files are about 14 KiB gzip, more than the rest of the page's scripts
 * after the main bundle. Most readers never search. This file runs just
 * before Material's bundle and hands it a stand-in for the worker: the
 * stand-in queues the messages Material posts, and starts the real worker
 * (replaying the queue) the first time the search field gets focus or the
 * search overlay opens. Material only calls postMessage() on the object and
 * listens to its "message" events, so nothing else changes; a reader who
 * types at once sees Material's own "initialising" state for a moment.
 *
 * The worker is the site's own (assets/search/worker.js, named in
 * `__config.search` by hooks/search_index.py). The page half of the
 * Vietnamese search is loaded on demand as well, to keep the first view
 * within its byte budget: the folding and query queue (assets/search/vi.js)
 * just before the worker starts, and the on-page highlighter
 * (search-highlight.js) only on a page opened from a search result (`?h=`).
 *
 * Material also fetches the search index (search/search_index.json) as it
 * starts, on every page view, to hand it to the worker. The index grows with
 * the site: about 40 KiB gzip with 1,000 short documents, half the first
 * view's budget on every page. So that request waits too, until the reader
 * reaches for search (or opens a page from a search result, `?h=`, whose
 * highlighting reads the index's settings); Material's own code is
 * unchanged, its request is only sent later.
 *
 * Only the hosted edition loads this file (the offline edition runs search
 * through the iframe-worker shim and lists both scripts in
 * `extra_javascript`). Other workers are created unchanged.
 */
(function () {
  "use strict";

  var NativeWorker = window.Worker;
  var config = document.getElementById("__config");
  var form = document.forms.namedItem("search");
  var toggle = document.getElementById("__search");
  if (!NativeWorker || !window.EventTarget || !config || !form || !toggle) {
    return;
  }
  var settings = JSON.parse(config.textContent);
  var searchUrl = new URL(settings.search, location.href).href;
  var FOLDING = "assets/search/vi.js";
  var HIGHLIGHT = "assets/search-highlight.js";

  /* Load a script of the site once; resolves when it has run. */
  var loaded = {};
  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = new URL(settings.base + "/" + path, location.href).href;
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return loaded[path];
  }

  if (new URL(location.href).searchParams.has("h")) {
    load(FOLDING).then(function () { return load(HIGHLIGHT); });
  }

  /* Call `start` once, on the first sign that the reader wants to search. */
  function whenSearchWanted(start) {
    var done = false;
    function once() {
      if (done) {
        return;
      }
      done = true;
      form.removeEventListener("focusin", once);
      toggle.removeEventListener("change", once);
      start();
    }
    form.addEventListener("focusin", once);
    toggle.addEventListener("change", once);
    if (toggle.checked || form.contains(document.activeElement)) {
      once();
    }
  }

  /* The search index: requested when search is wanted, not as the page starts.
     Material requests it with XMLHttpRequest (for its progress events). */
  var request = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (request && window.Promise) {
    /* `base` is relative ("..") on most pages, absolute ("/") on the 404 page. */
    var root = new URL(settings.base.replace(/\/?$/, "/"), location.href);
    var indexUrl = new URL("search/search_index.json", root).href;
    var wanted = new Promise(function (resolve) {
      if (new URL(location.href).searchParams.has("h")) {
        resolve();
      } else {
        whenSearchWanted(resolve);
      }
    });
    var open = request.open;
    var send = request.send;
    var deferred = new WeakSet();
    request.open = function (method, url) {
      if (new URL(String(url), location.href).href === indexUrl) {
        deferred.add(this);
      }
      return open.apply(this, arguments);
    };
    request.send = function () {
      var xhr = this;
      var args = arguments;
      if (!deferred.has(xhr)) {
        return send.apply(xhr, args);
      }
      wanted.then(function () { send.apply(xhr, args); });
    };
  }

  function LazyWorker(url, options) {
    var target = new EventTarget();
    var queue = [];
    var worker = null;

    target.postMessage = function (message, transfer) {
      if (worker) {
        worker.postMessage(message, transfer);
      } else {
        queue.push([message, transfer]);
      }
    };
    target.terminate = function () {
      queue = [];
      if (worker) {
        worker.terminate();
      }
    };

    whenSearchWanted(function () {
      // The page half first: it queues the queries this worker receives.
      load(FOLDING).then(function () {
        worker = new NativeWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          worker.addEventListener(type, function (event) {
            target.dispatchEvent(type === "error"
              ? new ErrorEvent("error", { message: event.message })
              : new MessageEvent(type, { data: event.data }));
          });
        });
        queue.forEach(function (item) {
          worker.postMessage(item[0], item[1]);
        });
        queue = [];
      });
    });
    return target;
  }

  function Worker(url, options) {
    if (new URL(url, location.href).href === searchUrl) {
      return LazyWorker(url, options);
    }
    return new NativeWorker(url, options);
  }
  Worker.prototype = NativeWorker.prototype;
  window.Worker = Worker;
})();

// Suggestions for every <input data-suggest-url="…">, as an ARIA 1.2 combobox with a listbox popup.
// Progressive enhancement only: without this file the input is a plain search box and its form works as before.
// Keys: ArrowDown/ArrowUp move through the suggestions (opening them), Enter picks the active one (or opens its page,
// with data-suggest-open; with none active it submits the form as usual), Escape closes the list (a second Escape clears the input), Tab leaves.
(function () {
    'use strict';

    var DEBOUNCE_MS = 200;
    var counter = 0;
    // Localized texts for the screen-reader status come from the layout's <script> tag.
    var texts = (document.currentScript && document.currentScript.dataset) || {};

    function enhance(input) {
        if (input.dataset.suggestReady) {
            return;
        }
        input.dataset.suggestReady = 'true';
        var id = input.id || ('suggest-input-' + (++counter));
        input.id = id;
        var listId = id + '-listbox';

        var wrapper = document.createElement('div');
        wrapper.className = 'suggest';
        input.parentNode.insertBefore(wrapper, input);
        wrapper.appendChild(input);

        var list = document.createElement('ul');
        list.id = listId;
        list.className = 'suggest-listbox list-group shadow';
        list.setAttribute('role', 'listbox');
        list.hidden = true;
        var label = input.labels && input.labels.length ? input.labels[0] : null;
        if (label) {
            if (!label.id) {
                label.id = id + '-label';
            }
            list.setAttribute('aria-labelledby', label.id);
        }
        wrapper.appendChild(list);

        var status = document.createElement('div');
        status.className = 'visually-hidden';
        status.setAttribute('role', 'status');
        status.setAttribute('aria-live', 'polite');
        wrapper.appendChild(status);

        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-expanded', 'false');
        input.setAttribute('aria-controls', listId);
        input.setAttribute('autocomplete', 'off');

        var items = [];
        var active = -1;
        var timer = 0;
        var controller = null;
        var lastQuery = null;
        // Suggestions asked for and not yet shown (the debounce running or the request in flight).
        var pending = false;

        function open() {
            if (items.length === 0) {
                close();
                return;
            }
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
        }

        function close() {
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            setActive(-1);
        }

        // Escape, Tab, leaving the box or picking an option ends what was asked for: a late answer must not reopen the
        // list the person just closed. The suggestions it would have replaced are stale, so the next arrow key asks again.
        function cancelPending() {
            window.clearTimeout(timer);
            if (!pending) {
                return;
            }
            pending = false;
            if (controller) {
                controller.abort();
                controller = null;
            }
            lastQuery = null;
            items = [];
            list.textContent = '';
        }

        function setActive(index) {
            var options = list.querySelectorAll('[role="option"]');
            options.forEach(function (option, i) {
                var selected = i === index;
                option.setAttribute('aria-selected', selected ? 'true' : 'false');
                option.classList.toggle('active', selected);
            });
            active = index;
            if (index >= 0 && options[index]) {
                input.setAttribute('aria-activedescendant', options[index].id);
                options[index].scrollIntoView({ block: 'nearest' });
            } else {
                input.removeAttribute('aria-activedescendant');
            }
        }

        function render(data) {
            items = data;
            list.textContent = '';
            data.forEach(function (user, i) {
                var option = document.createElement('li');
                option.id = listId + '-option-' + i;
                option.className = 'list-group-item list-group-item-action suggest-option';
                option.setAttribute('role', 'option');
                option.setAttribute('aria-selected', 'false');
                var name = document.createElement('span');
                name.className = 'fw-semibold';
                name.textContent = user.userName;
                var detail = document.createElement('span');
                detail.className = 'small text-body-secondary ms-2';
                detail.textContent = user.displayName + ' · ' + user.email;
                option.appendChild(name);
                option.appendChild(detail);
                // mousedown, not click: it fires before the input's blur closes the list.
                option.addEventListener('mousedown', function (event) {
                    event.preventDefault();
                    choose(i);
                });
                list.appendChild(option);
            });
            status.textContent = data.length === 0
                ? (texts.noneText || 'No suggestions')
                : (texts.countText || '{0} suggestions available').replace('{0}', String(data.length));
            active = -1;
            if (document.activeElement === input) {
                open();
            }
        }

        function choose(index) {
            var user = items[index];
            if (!user) {
                return;
            }
            cancelPending();
            // A search box that finds accounts (data-suggest-open="/Users/Details/{id}") opens the chosen one.
            if (input.dataset.suggestOpen) {
                window.location.assign(input.dataset.suggestOpen.replace('{id}', encodeURIComponent(String(user.id))));
                return;
            }
            input.value = user.userName;
            close();
            input.dispatchEvent(new Event('change', { bubbles: true }));
        }

        function fetchSuggestions() {
            var q = input.value.trim();
            if (q === lastQuery) {
                pending = false;
                open();
                return;
            }
            lastQuery = q;
            if (controller) {
                controller.abort();
            }
            if (q === '' || q.length > 100) {
                pending = false;
                render([]);
                close();
                return;
            }
            pending = true;
            controller = new AbortController();
            var url = input.dataset.suggestUrl + (input.dataset.suggestUrl.indexOf('?') >= 0 ? '&' : '?') + 'q=' + encodeURIComponent(q);
            fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal })
                .then(function (response) { return response.ok ? response.json() : { data: [] }; })
                .then(function (body) {
                    pending = false;
                    render(Array.isArray(body.data) ? body.data : []);
                })
                .catch(function (error) {
                    if (error.name !== 'AbortError') {
                        pending = false;
                        render([]);
                    }
                });
        }

        input.addEventListener('input', function () {
            window.clearTimeout(timer);
            pending = true;
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener('keydown', function (event) {
            switch (event.key) {
                case 'ArrowDown':
                    event.preventDefault();
                    if (list.hidden) {
                        open();
                        if (items.length === 0) {
                            fetchSuggestions();
                        }
                    }
                    if (items.length) {
                        setActive(active + 1 >= items.length ? 0 : active + 1);
                    }
                    break;
                case 'ArrowUp':
                    event.preventDefault();
                    if (list.hidden) {
                        open();
                    }
                    if (items.length) {
                        setActive(active <= 0 ? items.length - 1 : active - 1);
                    }
                    break;
                case 'Enter':
                    if (!list.hidden && active >= 0) {
                        event.preventDefault();
                        choose(active);
                    }
                    break;
                case 'Escape':
                    if (!list.hidden || pending) {
                        event.preventDefault();
                        cancelPending();
                        close();
                    } else if (input.value !== '') {
                        event.preventDefault();
                        input.value = '';
                        lastQuery = null;
                    }
                    break;
                case 'Tab':
                    cancelPending();
                    close();
                    break;
            }
        });

        input.addEventListener('blur', function () {
            cancelPending();
            close();
        });
    }

    function init() {
        document.querySelectorAll('input[data-suggest-url]').forEach(enhance);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();

// The theme switch, enhanced: without this file the navigation bar's switch is a plain form post that returns to the
// page; with it the choice is posted with fetch and applied at once. A System choice follows the operating system's
// prefers-color-scheme, also when it changes while the page is open.
(() => {
    const root = document.documentElement;
    const media = window.matchMedia('(prefers-color-scheme: dark)');

    const apply = () => {
        const choice = root.getAttribute('data-theme-choice');
        const resolved = choice === 'light' || choice === 'dark' ? choice : (media.matches ? 'dark' : 'light');
        root.setAttribute('data-bs-theme', resolved);
        document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', choice === 'system' ? 'light dark' : resolved);
    };

    const mark = (choice) => {
        document.querySelectorAll('[data-theme-form] [data-theme-value]').forEach((button) => {
            const current = button.getAttribute('data-theme-value') === choice;
            button.classList.toggle('active', current);
            if (current) {
                button.setAttribute('aria-current', 'true');
            } else {
                button.removeAttribute('aria-current');
            }
        });
        document.querySelectorAll('input[type="radio"][name="theme"]').forEach((radio) => {
            radio.checked = radio.value.toLowerCase() === choice;
        });
    };

    media.addEventListener('change', () => {
        if (root.getAttribute('data-theme-choice') === 'system') {
            apply();
        }
    });

    document.addEventListener('submit', async (event) => {
        const form = event.target;
        const button = event.submitter;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-theme-form') || !button?.value) {
            return;
        }
        event.preventDefault();
        try {
            const response = await fetch(form.action, {
                method: 'POST',
                body: new FormData(form, button),
                headers: { Accept: 'application/json' },
                credentials: 'same-origin',
            });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }
            const { theme } = await response.json();
            root.setAttribute('data-theme-choice', theme);
            apply();
            mark(theme);
        } catch {
            // Fall back to the plain post, which shows the server's answer.
            const field = document.createElement('input');
            field.type = 'hidden';
            field.name = button.name;
            field.value = button.value;
            form.append(field);
            form.submit();
        }
    });
})();

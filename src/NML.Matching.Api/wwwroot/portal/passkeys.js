// Passkeys (WebAuthn) in the portal: the browser's ceremony between the server's options and an ordinary form post
// (docs/decisions.md, "Passkeys"). The pages render <nml-passkey> inside a form (PasskeyCeremony.razor): the form's
// antiforgery token, two hidden fields and a submit button. When the button submits the form, this script asks the
// server for the options (a POST with the token in a header), lets the browser create or get the credential, puts it
// (or what went wrong, as a code) in the hidden fields and submits the form itself; the page does the rest.
//
// Progressive enhancement: the element is defined only where the browser has WebAuthn with the JSON helpers, and the
// portal's CSS shows the button only under a defined <nml-passkey> and the "cannot" text only under an undefined one.
// Without JavaScript or without passkeys, the person reads why and signs in another way. A custom element, because
// blazor.web.js's enhanced navigation swaps page content without running scripts again: connectedCallback runs for
// every element that appears.

const supported =
    typeof window.PublicKeyCredential === 'function' &&
    typeof navigator.credentials?.create === 'function' &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

class PasskeyCeremony extends HTMLElement {
    connectedCallback() {
        this.form = this.closest('form');
        if (!this.form) return;
        this.onSubmit = (event) => {
            if (event.submitter && this.contains(event.submitter)) {
                event.preventDefault();
                this.run();
            }
        };
        this.form.addEventListener('submit', this.onSubmit);
    }

    disconnectedCallback() {
        this.form?.removeEventListener('submit', this.onSubmit);
        this.abortController?.abort();
    }

    async run() {
        if (this.busy) return;
        this.busy = true;
        this.abortController?.abort();
        this.abortController = new AbortController();
        const signal = this.abortController.signal;
        const credentialField = this.querySelector('[data-passkey-credential]');
        const errorField = this.querySelector('[data-passkey-error]');
        credentialField.value = '';
        errorField.value = '';
        try {
            const options = await this.fetchOptions(signal);
            const credential = this.getAttribute('operation') === 'create'
                ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options), signal })
                : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options), signal });
            credentialField.value = JSON.stringify(credential);
        } catch (error) {
            if (error.name === 'AbortError') {
                this.busy = false;
                return;
            }
            // NotAllowedError: the person cancelled, or the authenticator had no passkey for this site. Only the code
            // goes to the server, never the browser's own message.
            errorField.value = error.name === 'NotAllowedError' ? 'geannuleerd' : error.name === 'InvalidStateError' ? 'bestaat-al' : 'mislukt';
        }
        this.form.submit();
    }

    async fetchOptions(signal) {
        const token = this.form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const response = await fetch(this.getAttribute('options-url'), {
            method: 'POST',
            credentials: 'same-origin',
            headers: { [this.getAttribute('token-header')]: token },
            signal,
        });
        if (!response.ok) throw new Error(`The server answered ${response.status} to the passkey options.`);
        return await response.json();
    }
}

if (supported && !customElements.get('nml-passkey')) customElements.define('nml-passkey', PasskeyCeremony);

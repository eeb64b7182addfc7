// A coach's snippets on a report's page: a click inserts the snippet's text into the note being
// written (the note text box last used, or else the first empty one), at the cursor.
'use strict';
{
    let lastNote = null;
    const isNote = (element) => element instanceof HTMLTextAreaElement && /^annotations-\d+-text$/.test(element.name);

    document.addEventListener('focusin', (event) => {
        if (isNote(event.target)) {
            lastNote = event.target;
        }
    });

    const target = () => {
        if (lastNote && document.body.contains(lastNote)) {
            return lastNote;
        }
        const notes = Array.from(document.querySelectorAll('textarea[name^="annotations-"]')).filter(isNote);
        return notes.find((note) => !note.value.trim()) || notes[notes.length - 1] || null;
    };

    document.addEventListener('click', (event) => {
        const button = event.target.closest('[data-snippet]');
        if (!button) {
            return;
        }
        event.preventDefault();
        const note = target();
        if (!note) {
            return;
        }
        const text = button.dataset.snippet;
        const start = note.selectionStart ?? note.value.length;
        const end = note.selectionEnd ?? note.value.length;
        const before = note.value.slice(0, start);
        const spacer = before && !/\s$/.test(before) ? ' ' : '';
        note.value = before + spacer + text + note.value.slice(end);
        const cursor = (before + spacer + text).length;
        note.focus();
        note.setSelectionRange(cursor, cursor);
        note.dispatchEvent(new Event('input', {bubbles: true}));
    });
}

// Timeline webview entry (placeholder).
document.body.dataset.state = 'loading';

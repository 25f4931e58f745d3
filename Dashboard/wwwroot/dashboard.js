// Saves text the page built as a file (the CSV export), without a server round trip.
window.dashboard = {
    download: function (fileName, mimeType, text) {
        const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    }
};

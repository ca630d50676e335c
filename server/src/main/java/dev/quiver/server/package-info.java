/** Command-line entry points of Quiver; later also the Avatica server and authentication. */
package dev.quiver.server;

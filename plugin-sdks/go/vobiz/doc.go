// Vobiz phone numbers (DIDs): buy, route, hand to sub-accounts and release them.
package vobiz

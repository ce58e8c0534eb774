/// The OpenAPI 3 document of the API, served at `/api/v1/openapi.json`. A route test keeps it
/// and the router in step: every route is documented and every documented path is routed.
enum OpenAPIDocument {
    static let json = #"""
        {
         "openapi": "3.0.3",
         "info": {
          "title": "Qudao distribution platform API",
          "version": "1.0.0",
          "description": "Versioned JSON API of Qudao (渠道). Authenticate with POST /api/v1/auth/token and send `Authorization: Bearer <token>`. Amounts are integers in fen (`…Fen`), rates in basis points (`…Bp`), times ISO 8601 in UTC. Errors are RFC 9457 problem documents. Every write accepts an `Idempotency-Key` header. A partner sees only itself and its downline; ids outside that scope answer 404."
         },
         "servers": [
          {
           "url": "/"
          }
         ],
         "security": [
          {
           "bearer": []
          }
         ],
         "paths": {
          "/healthz": {
           "get": {
            "summary": "Process liveness",
            "tags": [
             "operations"
            ],
            "responses": {
             "200": {
              "description": "Alive",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "status": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             }
            },
            "security": []
           }
          },
          "/readyz": {
           "get": {
            "summary": "Database reachable",
            "tags": [
             "operations"
            ],
            "responses": {
             "200": {
              "description": "Ready",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "status": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             },
             "503": {
              "description": "The database cannot be reached",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "status": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             }
            },
            "security": []
           }
          },
          "/api/v1/openapi.json": {
           "get": {
            "summary": "This document",
            "tags": [
             "operations"
            ],
            "responses": {
             "200": {
              "description": "OpenAPI 3 document",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             }
            },
            "security": []
           }
          },
          "/api/v1/auth/token": {
           "post": {
            "summary": "Exchange a login name and password for a bearer token",
            "tags": [
             "auth"
            ],
            "responses": {
             "201": {
              "description": "Token issued",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Token"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "429": {
              "description": "Too many attempts",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/TokenRequest"
               }
              }
             }
            },
            "security": []
           },
           "delete": {
            "summary": "Revoke the token used for this request",
            "tags": [
             "auth"
            ],
            "responses": {
             "204": {
              "description": "Revoked"
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/me": {
           "get": {
            "summary": "The signed-in account",
            "tags": [
             "auth"
            ],
            "responses": {
             "200": {
              "description": "Account",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Account"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/partners": {
           "get": {
            "summary": "List partners the caller may see (HQ: all; a partner: its own subtree)",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "A page of partners",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Partner"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "search",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "level",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 3
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "pending",
                "active",
                "suspended",
                "terminated"
               ]
              }
             },
             {
              "name": "type",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "distributor",
                "agent",
                "store"
               ]
              }
             },
             {
              "name": "province",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "city",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "parentId",
              "in": "query",
              "schema": {
               "type": "string",
               "description": "A partner id, or `hq` for level-1 partners"
              }
             },
             {
              "name": "grade",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "quality",
                "potential",
                "warning"
               ]
              },
              "description": "HQ only: partners whose current grade is this"
             },
             {
              "name": "sort",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "tree",
                "grade",
                "sell_through",
                "-sell_through",
                "return_rate",
                "-return_rate",
                "sales_change",
                "-sales_change"
               ]
              },
              "description": "HQ only: tree order (default), grade (warning first), or a grading metric (`-` for descending); partners without a figure last"
             }
            ]
           },
           "post": {
            "summary": "Create a partner (HQ admin or operations)",
            "tags": [
             "partners"
            ],
            "responses": {
             "201": {
              "description": "Created",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Partner"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/PartnerCreate"
               }
              }
             }
            }
           }
          },
          "/api/v1/partners/tree": {
           "get": {
            "summary": "The visible tree, parents before children",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "Partners in path order",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Partner"
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/partners/{id}": {
           "get": {
            "summary": "One partner",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "Partner",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Partner"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             }
            ]
           },
           "patch": {
            "summary": "Edit a partner's profile (send only what changes)",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "Updated",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Partner"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/PartnerUpdate"
               }
              }
             }
            }
           }
          },
          "/api/v1/partners/{id}/move": {
           "post": {
            "summary": "Move a partner and its downline under another parent (null or empty for HQ)",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "Moved",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Partner"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/PartnerMove"
               }
              }
             }
            }
           }
          },
          "/api/v1/partners/{id}/status": {
           "post": {
            "summary": "Approve, suspend, terminate or reactivate",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "Changed",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Partner"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/PartnerStatusChange"
               }
              }
             }
            }
           }
          },
          "/api/v1/partners/{id}/reveal-contact-phone": {
           "post": {
            "summary": "Reveal the full contact phone (HQ admin; audited)",
            "tags": [
             "partners"
            ],
            "responses": {
             "200": {
              "description": "The phone",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "contactPhone"
                 ],
                 "properties": {
                  "contactPhone": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/categories": {
           "get": {
            "summary": "Product categories",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "200": {
              "description": "Categories",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Category"
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "post": {
            "summary": "Create a category",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "201": {
              "description": "Created",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Category"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/CategoryWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/categories/{id}": {
           "patch": {
            "summary": "Rename or reorder a category",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "200": {
              "description": "Updated",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Category"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^cat_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/CategoryWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/products": {
           "get": {
            "summary": "List products (partners see products on shelf, with their own purchase price)",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "200": {
              "description": "A page of products",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Product"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "search",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "categoryId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "onShelf",
              "in": "query",
              "schema": {
               "type": "boolean"
              }
             }
            ]
           },
           "post": {
            "summary": "Create a product",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "201": {
              "description": "Created",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Product"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/ProductWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/products/{id}": {
           "get": {
            "summary": "One product",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "200": {
              "description": "Product",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Product"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prd_[0-9a-z]{20}$"
              }
             }
            ]
           },
           "patch": {
            "summary": "Edit a product (send only what changes)",
            "tags": [
             "catalogue"
            ],
            "responses": {
             "200": {
              "description": "Updated",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Product"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prd_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/ProductUpdate"
               }
              }
             }
            }
           }
          },
          "/api/v1/accounts": {
           "get": {
            "summary": "List accounts (HQ admin: all; a partner owner or team manager: its own sub-accounts)",
            "tags": [
             "accounts"
            ],
            "responses": {
             "200": {
              "description": "A page of accounts",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Account"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "search",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "kind",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "hq",
                "partner"
               ]
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "active",
                "disabled"
               ]
              }
             }
            ]
           },
           "post": {
            "summary": "Create an account",
            "tags": [
             "accounts"
            ],
            "responses": {
             "201": {
              "description": "Created",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Account"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/AccountCreate"
               }
              }
             }
            }
           }
          },
          "/api/v1/accounts/{id}": {
           "get": {
            "summary": "One account",
            "tags": [
             "accounts"
            ],
            "responses": {
             "200": {
              "description": "Account",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Account"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^acc_[0-9a-z]{20}$"
              }
             }
            ]
           },
           "patch": {
            "summary": "Edit an account: name, role or permissions, status, password reset",
            "tags": [
             "accounts"
            ],
            "responses": {
             "200": {
              "description": "Updated",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Account"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^acc_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/AccountUpdate"
               }
              }
             }
            }
           }
          },
          "/api/v1/accounts/{id}/revoke-sessions": {
           "post": {
            "summary": "Sign an account out everywhere",
            "tags": [
             "accounts"
            ],
            "responses": {
             "200": {
              "description": "Revoked",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "revokedSessions"
                 ],
                 "properties": {
                  "revokedSessions": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^acc_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/audit-log": {
           "get": {
            "summary": "The operation audit log, newest first (HQ admin)",
            "tags": [
             "audit"
            ],
            "responses": {
             "200": {
              "description": "A page of entries",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/AuditEntry"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "username",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "action",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "entityType",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "entityId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           }
          },
          "/api/v1/settings": {
           "get": {
            "summary": "Platform settings (HQ)",
            "tags": [
             "settings"
            ],
            "responses": {
             "200": {
              "description": "Settings",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Settings"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "patch": {
            "summary": "Change the tree depth, prepaid rules or order windows (HQ admin; prepaid rules: HQ finance too)",
            "tags": [
             "settings"
            ],
            "responses": {
             "200": {
              "description": "Settings",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Settings"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/SettingsWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/prepaid/balance": {
           "get": {
            "summary": "A partner's prepaid balance and discount tier (a partner: itself or its downline; HQ: any partner)",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "Balance",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Balance"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           }
          },
          "/api/v1/prepaid/statement": {
           "get": {
            "summary": "A partner's prepaid movements with the running balance, newest first",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "A page of movements",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/StatementLine"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "from",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              }
             },
             {
              "name": "to",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              }
             },
             {
              "name": "kind",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "top_up",
                "top_up_bonus",
                "purchase_payment",
                "referral_payment",
                "refund",
                "manual_credit",
                "manual_debit"
               ]
              }
             }
            ]
           }
          },
          "/api/v1/prepaid/adjustments": {
           "post": {
            "summary": "Credit or debit a balance directly, with a reason (HQ finance); a debit never goes below zero",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "201": {
              "description": "The new balance",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "balanceFen": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "partnerId",
                 "amountFen",
                 "direction",
                 "reason"
                ],
                "properties": {
                 "partnerId": {
                  "type": "string"
                 },
                 "amountFen": {
                  "type": "integer",
                  "minimum": 1
                 },
                 "direction": {
                  "type": "string",
                  "enum": [
                   "credit",
                   "debit"
                  ]
                 },
                 "reason": {
                  "type": "string",
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/top-ups": {
           "get": {
            "summary": "Top-up requests (HQ: all; a partner: its own)",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "A page of requests",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/TopUp"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "pending",
                "confirmed",
                "rejected"
               ]
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           },
           "post": {
            "summary": "Request a top-up (a partner with finance view; HQ finance for a partner), with an optional proof file in base64",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "201": {
              "description": "Requested",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/TopUp"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "amountFen",
                 "bankReference"
                ],
                "properties": {
                 "amountFen": {
                  "type": "integer",
                  "minimum": 1
                 },
                 "bankReference": {
                  "type": "string",
                  "minLength": 4,
                  "maxLength": 64
                 },
                 "note": {
                  "type": "string"
                 },
                 "partnerId": {
                  "type": "string",
                  "description": "HQ only"
                 },
                 "proof": {
                  "type": "object",
                  "properties": {
                   "fileName": {
                    "type": "string"
                   },
                   "contentType": {
                    "type": "string"
                   },
                   "contentBase64": {
                    "type": "string",
                    "description": "JPEG, PNG or PDF, up to 5 MB"
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/top-ups/{id}": {
           "get": {
            "summary": "One top-up request",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "Request",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/TopUp"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^top_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/top-ups/{id}/proof": {
           "get": {
            "summary": "The proof file of a top-up request",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "The file",
              "content": {
               "application/octet-stream": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^top_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/top-ups/{id}/confirm": {
           "post": {
            "summary": "Confirm a pending top-up (HQ finance): the amount and its rebate are credited once",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "Confirmed",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/TopUp"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^top_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/top-ups/{id}/reject": {
           "post": {
            "summary": "Reject a pending top-up with a reason (HQ finance)",
            "tags": [
             "prepaid"
            ],
            "responses": {
             "200": {
              "description": "Rejected",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/TopUp"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^top_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "reason"
                ],
                "properties": {
                 "reason": {
                  "type": "string",
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders/quote": {
           "post": {
            "summary": "Price a purchase order for the caller's partner (step 2): gross, prepaid discount, net, balance after",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Quote",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Quote"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "lines"
                ],
                "properties": {
                 "lines": {
                  "type": "array",
                  "maxItems": 100,
                  "items": {
                   "type": "object",
                   "required": [
                    "productId",
                    "quantity"
                   ],
                   "properties": {
                    "productId": {
                     "type": "string",
                     "description": "Product id or SKU"
                    },
                    "quantity": {
                     "type": "integer",
                     "minimum": 1,
                     "description": "A whole multiple of the product's pack size"
                    }
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders": {
           "get": {
            "summary": "Orders (HQ: all; a partner: its own and its downline's)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "A page of orders",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Order"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "pending_payment",
                "paid",
                "shipped",
                "delivered",
                "received",
                "completed",
                "cancelled"
               ]
              }
             },
             {
              "name": "kind",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "purchase",
                "referral"
               ]
              }
             },
             {
              "name": "number",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "waiting",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "1"
               ]
              },
              "description": "1: back-orders only (paid purchase orders waiting for HQ stock)"
             }
            ]
           },
           "post": {
            "summary": "Place and pay a purchase order from the prepaid balance; insufficient balance or stock is a 422 and nothing is reserved or debited",
            "tags": [
             "orders"
            ],
            "responses": {
             "201": {
              "description": "Placed and paid",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "lines"
                ],
                "properties": {
                 "lines": {
                  "type": "array",
                  "maxItems": 100,
                  "items": {
                   "type": "object",
                   "required": [
                    "productId",
                    "quantity"
                   ],
                   "properties": {
                    "productId": {
                     "type": "string",
                     "description": "Product id or SKU"
                    },
                    "quantity": {
                     "type": "integer",
                     "minimum": 1,
                     "description": "A whole multiple of the product's pack size"
                    }
                   }
                  }
                 },
                 "shipping": {
                  "type": "object",
                  "description": "A saved address id, or the fields; omitted on a purchase order: the partner's own address",
                  "properties": {
                   "addressId": {
                    "type": "string"
                   },
                   "name": {
                    "type": "string"
                   },
                   "phone": {
                    "type": "string"
                   },
                   "province": {
                    "type": "string"
                   },
                   "city": {
                    "type": "string"
                   },
                   "district": {
                    "type": "string"
                   },
                   "detail": {
                    "type": "string"
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders/{id}": {
           "get": {
            "summary": "One order with its lines and returns",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Order",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/orders/{id}/vouchers": {
           "get": {
            "summary": "The order's electronic vouchers (电子凭证), oldest first",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Vouchers",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Voucher"
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/orders/{id}/confirm-payment": {
           "post": {
            "summary": "Confirm a referral order's payment with the provider's reference (HQ finance)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Paid",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "paymentReference"
                ],
                "properties": {
                 "paymentReference": {
                  "type": "string",
                  "minLength": 4,
                  "maxLength": 64
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders/{id}/ship": {
           "post": {
            "summary": "Ship a paid order (HQ operations)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Shipped",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "carrier",
                 "trackingNumber"
                ],
                "properties": {
                 "carrier": {
                  "type": "string"
                 },
                 "trackingNumber": {
                  "type": "string"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders/{id}/deliver": {
           "post": {
            "summary": "Mark a shipped order delivered (HQ operations); the body is optional",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Delivered",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/orders/{id}/receive": {
           "post": {
            "summary": "Confirm receipt (the buyer, or HQ)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Received",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/orders/{id}/cancel": {
           "post": {
            "summary": "Cancel before shipping; a paid order is refunded in full",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Cancelled",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "reason"
                ],
                "properties": {
                 "reason": {
                  "type": "string",
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/orders/{id}/returns": {
           "post": {
            "summary": "Ask to return some quantities (the buyer while delivered or received; HQ also after completion)",
            "tags": [
             "orders"
            ],
            "responses": {
             "201": {
              "description": "Return requested",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Return"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ord_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "lines",
                 "reason"
                ],
                "properties": {
                 "lines": {
                  "type": "array",
                  "items": {
                   "type": "object",
                   "required": [
                    "lineNumber",
                    "quantity"
                   ],
                   "properties": {
                    "lineNumber": {
                     "type": "integer"
                    },
                    "quantity": {
                     "type": "integer",
                     "minimum": 1
                    }
                   }
                  }
                 },
                 "reason": {
                  "type": "string"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/referral-orders": {
           "post": {
            "summary": "Place a referral order through a partner's referral code (an integration with HQ operations rights); it waits for payment",
            "tags": [
             "orders"
            ],
            "responses": {
             "201": {
              "description": "Placed",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "order": {
                   "$ref": "#/components/schemas/Order"
                  },
                  "consumerToken": {
                   "type": "string"
                  },
                  "consumerUrl": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "referralCode",
                 "lines",
                 "consumer"
                ],
                "properties": {
                 "referralCode": {
                  "type": "string"
                 },
                 "lines": {
                  "type": "array",
                  "items": {
                   "type": "object",
                   "required": [
                    "productId",
                    "quantity"
                   ],
                   "properties": {
                    "productId": {
                     "type": "string",
                     "description": "Product id or SKU"
                    },
                    "quantity": {
                     "type": "integer",
                     "minimum": 1,
                     "description": "A whole multiple of the product's pack size"
                    }
                   }
                  }
                 },
                 "consumer": {
                  "type": "object",
                  "description": "A saved address id, or the fields; omitted on a purchase order: the partner's own address",
                  "properties": {
                   "addressId": {
                    "type": "string"
                   },
                   "name": {
                    "type": "string"
                   },
                   "phone": {
                    "type": "string"
                   },
                   "province": {
                    "type": "string"
                   },
                   "city": {
                    "type": "string"
                   },
                   "district": {
                    "type": "string"
                   },
                   "detail": {
                    "type": "string"
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/logistics/delivered": {
           "post": {
            "summary": "Logistics callback: the shipment with this tracking number was delivered",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Delivered",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Order"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "trackingNumber"
                ],
                "properties": {
                 "trackingNumber": {
                  "type": "string"
                 },
                 "proofOfDelivery": {
                  "type": "string"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/returns": {
           "get": {
            "summary": "Returns (HQ: all; a partner: its own and its downline's)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "A page of returns",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Return"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "requested",
                "approved",
                "rejected",
                "received",
                "refunded"
               ]
              }
             }
            ]
           }
          },
          "/api/v1/returns/{id}/approve": {
           "post": {
            "summary": "Approve a requested return (HQ operations)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Approved",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Return"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ret_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/returns/{id}/reject": {
           "post": {
            "summary": "Reject a requested return with a reason (HQ operations)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Rejected",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Return"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ret_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "reason"
                ],
                "properties": {
                 "reason": {
                  "type": "string",
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/returns/{id}/receive": {
           "post": {
            "summary": "The returned goods are back: stock is restored (HQ operations)",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Received",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Return"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ret_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/returns/{id}/refund": {
           "post": {
            "summary": "Refund a received return (HQ finance): the net recomputed on the kept quantities",
            "tags": [
             "orders"
            ],
            "responses": {
             "200": {
              "description": "Refunded",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Return"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ret_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/addresses": {
           "get": {
            "summary": "The caller's partner's saved addresses",
            "tags": [
             "addresses"
            ],
            "responses": {
             "200": {
              "description": "Addresses",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Address"
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "post": {
            "summary": "Save an address",
            "tags": [
             "addresses"
            ],
            "responses": {
             "201": {
              "description": "Saved",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Address"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/AddressWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/addresses/{id}": {
           "get": {
            "summary": "One saved address",
            "tags": [
             "addresses"
            ],
            "responses": {
             "200": {
              "description": "Address",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Address"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^adr_[0-9a-z]{20}$"
              }
             }
            ]
           },
           "put": {
            "summary": "Replace a saved address",
            "tags": [
             "addresses"
            ],
            "responses": {
             "200": {
              "description": "Saved",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Address"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^adr_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/AddressWrite"
               }
              }
             }
            }
           },
           "delete": {
            "summary": "Delete a saved address",
            "tags": [
             "addresses"
            ],
            "responses": {
             "204": {
              "description": "Deleted"
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^adr_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/stock": {
           "get": {
            "summary": "HQ warehouse stock per product",
            "tags": [
             "stock"
            ],
            "responses": {
             "200": {
              "description": "A page of stock levels",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Stock"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "search",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           }
          },
          "/api/v1/stock/receipts": {
           "post": {
            "summary": "Record goods received into the warehouse (HQ operations)",
            "tags": [
             "stock"
            ],
            "responses": {
             "201": {
              "description": "The new level",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Stock"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/StockChange"
               }
              }
             }
            }
           }
          },
          "/api/v1/stock/adjustments": {
           "post": {
            "summary": "Correct a stock count with a note (HQ operations); never below what is reserved",
            "tags": [
             "stock"
            ],
            "responses": {
             "201": {
              "description": "The new level",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Stock"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/StockChange"
               }
              }
             }
            }
           }
          },
          "/api/v1/test-clock": {
           "get": {
            "summary": "Only with qudao serve --test-clock: the platform's time (HQ admin)",
            "tags": [
             "test clock"
            ],
            "responses": {
             "200": {
              "description": "Now",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "now": {
                   "type": "string",
                   "format": "date-time"
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "post": {
            "summary": "Only with qudao serve --test-clock: move time forward, running every scheduled job that falls due, in time order",
            "tags": [
             "test clock"
            ],
            "responses": {
             "200": {
              "description": "Now",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "now": {
                   "type": "string",
                   "format": "date-time"
                  },
                  "ordersChanged": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "now"
                ],
                "properties": {
                 "now": {
                  "type": "string",
                  "format": "date-time",
                  "example": "2026-11-15T02:00:00+08:00"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/commission/rules": {
           "get": {
            "summary": "The commission rule in force and every version (HQ)",
            "tags": [
             "commission"
            ],
            "responses": {
             "200": {
              "description": "Rules",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/CommissionRules"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "post": {
            "summary": "Publish a new rule version (HQ admin or finance): rates 0–10000 bp, their sum within the cap, bonus tiers strictly increasing, effective now or later and not before a scheduled version",
            "tags": [
             "commission"
            ],
            "responses": {
             "201": {
              "description": "Published",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/CommissionRule"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/CommissionRuleWrite"
               }
              }
             }
            }
           }
          },
          "/api/v1/commission/rules/simulate": {
           "post": {
            "summary": "Recompute a past month's paid orders under a draft rule; nothing is written (HQ)",
            "tags": [
             "commission"
            ],
            "responses": {
             "200": {
              "description": "Totals per level and the biggest changes per partner",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/RuleSimulation"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "allOf": [
                 {
                  "$ref": "#/components/schemas/CommissionRuleWrite"
                 },
                 {
                  "type": "object",
                  "required": [
                   "month"
                  ],
                  "properties": {
                   "month": {
                    "type": "string",
                    "example": "2026-10"
                   }
                  }
                 }
                ]
               }
              }
             }
            }
           }
          },
          "/api/v1/commission/summary": {
           "get": {
            "summary": "The caller's partner's commission: frozen, settleable, settled (a partner with finance view)",
            "tags": [
             "commission"
            ],
            "responses": {
             "200": {
              "description": "Summary",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/CommissionSummary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/commissions": {
           "get": {
            "summary": "Commission records (HQ finance: all; a partner: its own), newest first",
            "tags": [
             "commission"
            ],
            "responses": {
             "200": {
              "description": "A page of records",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/CommissionRecord"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "state",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "frozen",
                "settleable",
                "settled",
                "reversed"
               ]
              }
             },
             {
              "name": "kind",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "commission",
                "adjustment",
                "bonus"
               ]
              }
             },
             {
              "name": "month",
              "in": "query",
              "schema": {
               "type": "string",
               "example": "2026-10"
              },
              "description": "Records settleable (or, when frozen, created) in this month"
             },
             {
              "name": "orderNumber",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ only"
             },
             {
              "name": "statementId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           }
          },
          "/api/v1/commissions/{id}": {
           "get": {
            "summary": "One record with its explanation: every line's base and rate, the sum and the rounding",
            "tags": [
             "commission"
            ],
            "responses": {
             "200": {
              "description": "Record",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/CommissionDetail"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^com_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/settlements": {
           "get": {
            "summary": "Settlement runs, newest month first (HQ finance)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Runs",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/SettlementRun"
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/settlements/{month}/preview": {
           "get": {
            "summary": "What the run for a month would settle, without writing (HQ finance)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Preview",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/SettlementPreview"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "month",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
               "example": "2026-10"
              }
             }
            ]
           }
          },
          "/api/v1/settlements/{month}/run": {
           "post": {
            "summary": "Run or resume a month's settlement now (HQ finance); 409 when the month is already settled or another run holds the lock, 422 for a month that has not ended",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "What the run did",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/SettlementOutcome"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "month",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
               "example": "2026-10"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/statements": {
           "get": {
            "summary": "Settlement statements (HQ finance: all; a partner: its own)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "A page of statements",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Statement"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "month",
              "in": "query",
              "schema": {
               "type": "string",
               "example": "2026-10"
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "paid",
                "pending_payout",
                "payout_failed"
               ]
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ only"
             }
            ]
           }
          },
          "/api/v1/statements/{id}": {
           "get": {
            "summary": "One statement with its records",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Statement",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/StatementDetail"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^stm_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/statements/{id}/download": {
           "get": {
            "summary": "A statement as .xlsx (summary and records) or .csv (records)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "The file",
              "content": {
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               },
               "text/csv": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^stm_[0-9a-z]{20}$"
              }
             },
             {
              "name": "format",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "xlsx",
                "csv"
               ],
               "default": "xlsx"
              }
             }
            ]
           }
          },
          "/api/v1/statements/{id}/mark-paid": {
           "post": {
            "summary": "The bank paid a payout (HQ finance): once, never twice",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Paid",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Statement"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^stm_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/statements/{id}/mark-failed": {
           "post": {
            "summary": "The bank refused a payout, with its reason (HQ finance)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Failed",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Statement"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^stm_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "reason"
                ],
                "properties": {
                 "reason": {
                  "type": "string",
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/statements/{id}/retry": {
           "post": {
            "summary": "Try a failed payout again (HQ finance)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Awaiting payout again",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Statement"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^stm_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/payouts/export": {
           "post": {
            "summary": "The bank payout file of every statement awaiting payout, with full account numbers (HQ finance; audited)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "The file",
              "content": {
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               },
               "text/csv": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "format",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "xlsx",
                "csv"
               ],
               "default": "xlsx"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/payout-settings": {
           "get": {
            "summary": "Where a partner's commission goes (HQ finance: any partner; a partner: its own)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Settings",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/PayoutSettings"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           },
           "put": {
            "summary": "Set the payout method: prepaid balance, or a bank account (HQ finance, or the partner's owner; audited)",
            "tags": [
             "settlement"
            ],
            "responses": {
             "200": {
              "description": "Settings",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/PayoutSettings"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "method"
                ],
                "properties": {
                 "partnerId": {
                  "type": "string",
                  "description": "HQ only"
                 },
                 "method": {
                  "type": "string",
                  "enum": [
                   "prepaid",
                   "bank"
                  ]
                 },
                 "accountName": {
                  "type": "string",
                  "maxLength": 60
                 },
                 "bankName": {
                  "type": "string",
                  "maxLength": 60
                 },
                 "accountNumber": {
                  "type": "string",
                  "maxLength": 34,
                  "description": "8–34 digits"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/notifications": {
           "get": {
            "summary": "The caller's notifications, newest first: the same events as the in-app inbox",
            "tags": [
             "notifications"
            ],
            "responses": {
             "200": {
              "description": "A page of notifications",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Notification"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "unread",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "1"
               ]
              },
              "description": "1: unread only"
             },
             {
              "name": "priority",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "urgent",
                "normal"
               ]
              }
             },
             {
              "name": "kind",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "commission_credited",
                "top_up_confirmed",
                "top_up_rejected",
                "grade_warning",
                "follow_up_task",
                "certificate_expiring",
                "certificate_expired",
                "back_order_filled",
                "promotion",
                "system"
               ]
              }
             }
            ]
           }
          },
          "/api/v1/notifications/unread-count": {
           "get": {
            "summary": "How many of the caller's notifications are unread, and how many of those are urgent",
            "tags": [
             "notifications"
            ],
            "responses": {
             "200": {
              "description": "Counts",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/NotificationCounts"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/notifications/{id}/read": {
           "post": {
            "summary": "Mark one notification read (only the caller's own; others are not found)",
            "tags": [
             "notifications"
            ],
            "responses": {
             "200": {
              "description": "The notification",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Notification"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^ntf_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/notifications/read-all": {
           "post": {
            "summary": "Mark every notification the caller can see read",
            "tags": [
             "notifications"
            ],
            "responses": {
             "200": {
              "description": "The counts after",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/NotificationCounts"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/partner-stock": {
           "get": {
            "summary": "A partner's own stock per product, with what is in transit on its paid purchase orders (a partner: its own only; HQ: any, by partnerId)",
            "tags": [
             "partner stock"
            ],
            "responses": {
             "200": {
              "description": "A page of stock levels",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/PartnerStock"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             },
             {
              "name": "search",
              "in": "query",
              "schema": {
               "type": "string"
              }
             }
            ]
           }
          },
          "/api/v1/partner-stock/movements": {
           "get": {
            "summary": "Every movement of a partner's stock, newest first: deliveries, goods returned, sell-out, counts",
            "tags": [
             "partner stock"
            ],
            "responses": {
             "200": {
              "description": "A page of movements",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/PartnerStockMovement"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             },
             {
              "name": "productId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "Product id or SKU"
             }
            ]
           }
          },
          "/api/v1/partner-stock/counts": {
           "post": {
            "summary": "Record a stock count (盘点) that sets the on-hand figure, with a reason (the partner with ordering permission; HQ operations for any partner)",
            "tags": [
             "partner stock"
            ],
            "responses": {
             "201": {
              "description": "The count's movement",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/PartnerStockMovement"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "productId",
                 "countedQuantity",
                 "reason"
                ],
                "properties": {
                 "partnerId": {
                  "type": "string",
                  "description": "HQ only"
                 },
                 "productId": {
                  "type": "string",
                  "description": "Product id or SKU"
                 },
                 "countedQuantity": {
                  "type": "integer",
                  "format": "int64",
                  "minimum": 0,
                  "maximum": 10000000
                 },
                 "reason": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/sell-out-reports": {
           "get": {
            "summary": "A partner's sell-out reports (销售上报), newest first",
            "tags": [
             "partner stock"
            ],
            "responses": {
             "200": {
              "description": "A page of reports",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/SellOutReport"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             }
            ]
           },
           "post": {
            "summary": "Report what the caller's partner sold (all lines or none): whole quantities, existing products, days not in the future nor over a year ago, never beyond what is on hand",
            "tags": [
             "partner stock"
            ],
            "responses": {
             "201": {
              "description": "The report",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/SellOutReport"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "lines"
                ],
                "properties": {
                 "lines": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 500,
                  "items": {
                   "type": "object",
                   "required": [
                    "productId",
                    "quantity"
                   ],
                   "properties": {
                    "productId": {
                     "type": "string",
                     "description": "Product id or SKU"
                    },
                    "quantity": {
                     "type": "integer",
                     "format": "int64",
                     "minimum": 1,
                     "maximum": 1000000
                    },
                    "soldOn": {
                     "type": "string",
                     "format": "date",
                     "description": "Day of sale; absent: today"
                    }
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/grading": {
           "get": {
            "summary": "How many partners hold each grade, and the latest grading runs (HQ)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Overview",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/GradingOverview"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/grading/run": {
           "post": {
            "summary": "Grade every active partner now (HQ admin or operations); grading the same day again replaces its grades, never doubles tasks or notifications",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "What the run did",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "day",
                  "partnersGraded",
                  "warningsEntered"
                 ],
                 "properties": {
                  "day": {
                   "type": "string",
                   "format": "date"
                  },
                  "partnersGraded": {
                   "type": "integer"
                  },
                  "warningsEntered": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": false,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "properties": {
                 "day": {
                  "type": "string",
                  "format": "date",
                  "description": "Absent: today"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/channel-policy": {
           "get": {
            "summary": "Grading thresholds, replenishment lead time and review period, certificate blocking (HQ)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Policy",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/ChannelPolicy"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "put": {
            "summary": "Replace the channel policy (HQ admin or operations; audited)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Policy",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/ChannelPolicy"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/ChannelPolicy"
               }
              }
             }
            }
           }
          },
          "/api/v1/partner-grades": {
           "get": {
            "summary": "A partner's current grade, the figures of its latest grading and the days its grade changed (HQ: any partner; a partner: its own only)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Grading",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/PartnerGrading"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             }
            ]
           }
          },
          "/api/v1/follow-ups": {
           "get": {
            "summary": "Follow-up tasks opened by warnings, open ones first (HQ: all; a partner: its own)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "A page of tasks",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/FollowUp"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             },
             {
              "name": "status",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "open",
                "closed"
               ]
              }
             },
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              }
             },
             {
              "name": "mine",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "1"
               ]
              },
              "description": "1: assigned to the caller"
             }
            ]
           }
          },
          "/api/v1/follow-ups/{id}": {
           "get": {
            "summary": "One task with the grade that opened it and its notes",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Task",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FollowUpDetail"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^fut_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/follow-ups/{id}/assign": {
           "post": {
            "summary": "Assign an open task to an HQ admin or operations account (login name or id; empty clears it)",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Task",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FollowUp"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^fut_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "properties": {
                 "assignee": {
                  "type": "string"
                 },
                 "rowVersion": {
                  "type": "integer",
                  "format": "int64"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/follow-ups/{id}/comments": {
           "post": {
            "summary": "Add a note to an open task (HQ operations; the partner on its own task)",
            "tags": [
             "grading"
            ],
            "responses": {
             "201": {
              "description": "Note",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FollowUpComment"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^fut_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "body"
                ],
                "properties": {
                 "body": {
                  "type": "string",
                  "maxLength": 1000
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/follow-ups/{id}/close": {
           "post": {
            "summary": "Close an open task with its resolution (HQ admin or operations), once",
            "tags": [
             "grading"
            ],
            "responses": {
             "200": {
              "description": "Task",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FollowUp"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^fut_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "resolution"
                ],
                "properties": {
                 "resolution": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 500
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/replenishment": {
           "get": {
            "summary": "Today's replenishment suggestions (RULES §10) for every product the partner holds, has on the way or sold in the last 28 days, each with its inputs (a partner: its own; HQ: any, by partnerId)",
            "tags": [
             "replenishment"
            ],
            "responses": {
             "200": {
              "description": "Suggestions",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/ReplenishmentPlan"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             }
            ]
           }
          },
          "/api/v1/replenishment/draft": {
           "post": {
            "summary": "One click: today's non-zero suggestions become the partner's draft purchase order (replacing any earlier draft); place it with POST /api/v1/orders",
            "tags": [
             "replenishment"
            ],
            "responses": {
             "201": {
              "description": "The draft",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "source",
                  "updatedAt",
                  "lines"
                 ],
                 "properties": {
                  "source": {
                   "type": "string",
                   "enum": [
                    "replenishment",
                    "manual"
                   ]
                  },
                  "updatedAt": {
                   "type": "string",
                   "format": "date-time"
                  },
                  "lines": {
                   "type": "array",
                   "items": {
                    "type": "object",
                    "properties": {
                     "productId": {
                      "type": "string"
                     },
                     "quantity": {
                      "type": "integer",
                      "format": "int64"
                     }
                    }
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/order-draft": {
           "get": {
            "summary": "The partner's draft purchase order",
            "tags": [
             "replenishment"
            ],
            "responses": {
             "200": {
              "description": "The draft",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "source",
                  "updatedAt",
                  "lines"
                 ],
                 "properties": {
                  "source": {
                   "type": "string",
                   "enum": [
                    "replenishment",
                    "manual"
                   ]
                  },
                  "updatedAt": {
                   "type": "string",
                   "format": "date-time"
                  },
                  "lines": {
                   "type": "array",
                   "items": {
                    "type": "object",
                    "properties": {
                     "productId": {
                      "type": "string"
                     },
                     "quantity": {
                      "type": "integer",
                      "format": "int64"
                     }
                    }
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           },
           "delete": {
            "summary": "Discard the draft (placing a purchase order also uses it up)",
            "tags": [
             "replenishment"
            ],
            "responses": {
             "204": {
              "description": "Discarded"
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/partner-profile": {
           "get": {
            "summary": "A partner's certificates (with their standing today), credit rating and history, and net sales of the last 12 months (HQ: any partner; a partner: its own only)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "200": {
              "description": "Profile",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "partnerId",
                  "certificates",
                  "creditHistory",
                  "monthlySales"
                 ],
                 "properties": {
                  "partnerId": {
                   "type": "string"
                  },
                  "certificates": {
                   "type": "array",
                   "items": {
                    "type": "object",
                    "required": [
                     "id",
                     "partnerId",
                     "certificateType",
                     "number",
                     "issuer",
                     "validFrom",
                     "validTo",
                     "required",
                     "standing",
                     "hasFile",
                     "rowVersion"
                    ],
                    "properties": {
                     "id": {
                      "type": "string"
                     },
                     "partnerId": {
                      "type": "string"
                     },
                     "certificateType": {
                      "type": "string"
                     },
                     "number": {
                      "type": "string"
                     },
                     "issuer": {
                      "type": "string"
                     },
                     "validFrom": {
                      "type": "string",
                      "format": "date"
                     },
                     "validTo": {
                      "type": "string",
                      "format": "date"
                     },
                     "required": {
                      "type": "boolean"
                     },
                     "standing": {
                      "type": "string",
                      "enum": [
                       "valid",
                       "expiring_soon",
                       "expired",
                       "not_yet_valid"
                      ]
                     },
                     "hasFile": {
                      "type": "boolean"
                     },
                     "rowVersion": {
                      "type": "integer",
                      "format": "int64"
                     }
                    }
                   }
                  },
                  "creditRating": {
                   "type": "string",
                   "enum": [
                    "A",
                    "B",
                    "C",
                    "D"
                   ]
                  },
                  "creditHistory": {
                   "type": "array",
                   "items": {
                    "type": "object",
                    "required": [
                     "rating",
                     "reason",
                     "setBy",
                     "setAt"
                    ],
                    "properties": {
                     "rating": {
                      "type": "string",
                      "enum": [
                       "A",
                       "B",
                       "C",
                       "D"
                      ]
                     },
                     "reason": {
                      "type": "string"
                     },
                     "setBy": {
                      "type": "string"
                     },
                     "setAt": {
                      "type": "string",
                      "format": "date-time"
                     }
                    }
                   }
                  },
                  "monthlySales": {
                   "type": "array",
                   "items": {
                    "type": "object",
                    "properties": {
                     "month": {
                      "type": "string"
                     },
                     "salesFen": {
                      "type": "integer",
                      "format": "int64"
                     },
                     "orderCount": {
                      "type": "integer",
                      "format": "int64"
                     }
                    }
                   }
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "partnerId",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "HQ: the partner (id or code, required); a partner: omitted or its own"
             }
            ]
           }
          },
          "/api/v1/partners/{id}/certificates": {
           "post": {
            "summary": "Record a qualification certificate (HQ admin or operations; audited)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "201": {
              "description": "Certificate",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "id",
                  "partnerId",
                  "certificateType",
                  "number",
                  "issuer",
                  "validFrom",
                  "validTo",
                  "required",
                  "standing",
                  "hasFile",
                  "rowVersion"
                 ],
                 "properties": {
                  "id": {
                   "type": "string"
                  },
                  "partnerId": {
                   "type": "string"
                  },
                  "certificateType": {
                   "type": "string"
                  },
                  "number": {
                   "type": "string"
                  },
                  "issuer": {
                   "type": "string"
                  },
                  "validFrom": {
                   "type": "string",
                   "format": "date"
                  },
                  "validTo": {
                   "type": "string",
                   "format": "date"
                  },
                  "required": {
                   "type": "boolean"
                  },
                  "standing": {
                   "type": "string",
                   "enum": [
                    "valid",
                    "expiring_soon",
                    "expired",
                    "not_yet_valid"
                   ]
                  },
                  "hasFile": {
                   "type": "boolean"
                  },
                  "rowVersion": {
                   "type": "integer",
                   "format": "int64"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "certificateType",
                 "number",
                 "issuer",
                 "validFrom",
                 "validTo"
                ],
                "properties": {
                 "certificateType": {
                  "type": "string",
                  "enum": [
                   "business_licence",
                   "food_business",
                   "cosmetics",
                   "medical_device",
                   "brand_authorisation",
                   "other"
                  ]
                 },
                 "number": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 64
                 },
                 "issuer": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 100
                 },
                 "validFrom": {
                  "type": "string",
                  "format": "date"
                 },
                 "validTo": {
                  "type": "string",
                  "format": "date"
                 },
                 "required": {
                  "type": "boolean",
                  "description": "Default true: an expired required certificate can stop purchase orders"
                 },
                 "rowVersion": {
                  "type": "integer",
                  "format": "int64",
                  "description": "Updates: refused with 409 if the certificate changed since"
                 },
                 "file": {
                  "type": "object",
                  "properties": {
                   "fileName": {
                    "type": "string"
                   },
                   "contentType": {
                    "type": "string"
                   },
                   "contentBase64": {
                    "type": "string",
                    "description": "A JPEG, PNG or PDF scan up to 5 MB"
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/certificates/{id}": {
           "put": {
            "summary": "Renew or correct a certificate (a new scan replaces the old; none keeps it)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "200": {
              "description": "Certificate",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "id",
                  "partnerId",
                  "certificateType",
                  "number",
                  "issuer",
                  "validFrom",
                  "validTo",
                  "required",
                  "standing",
                  "hasFile",
                  "rowVersion"
                 ],
                 "properties": {
                  "id": {
                   "type": "string"
                  },
                  "partnerId": {
                   "type": "string"
                  },
                  "certificateType": {
                   "type": "string"
                  },
                  "number": {
                   "type": "string"
                  },
                  "issuer": {
                   "type": "string"
                  },
                  "validFrom": {
                   "type": "string",
                   "format": "date"
                  },
                  "validTo": {
                   "type": "string",
                   "format": "date"
                  },
                  "required": {
                   "type": "boolean"
                  },
                  "standing": {
                   "type": "string",
                   "enum": [
                    "valid",
                    "expiring_soon",
                    "expired",
                    "not_yet_valid"
                   ]
                  },
                  "hasFile": {
                   "type": "boolean"
                  },
                  "rowVersion": {
                   "type": "integer",
                   "format": "int64"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^crt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "certificateType",
                 "number",
                 "issuer",
                 "validFrom",
                 "validTo"
                ],
                "properties": {
                 "certificateType": {
                  "type": "string",
                  "enum": [
                   "business_licence",
                   "food_business",
                   "cosmetics",
                   "medical_device",
                   "brand_authorisation",
                   "other"
                  ]
                 },
                 "number": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 64
                 },
                 "issuer": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 100
                 },
                 "validFrom": {
                  "type": "string",
                  "format": "date"
                 },
                 "validTo": {
                  "type": "string",
                  "format": "date"
                 },
                 "required": {
                  "type": "boolean",
                  "description": "Default true: an expired required certificate can stop purchase orders"
                 },
                 "rowVersion": {
                  "type": "integer",
                  "format": "int64",
                  "description": "Updates: refused with 409 if the certificate changed since"
                 },
                 "file": {
                  "type": "object",
                  "properties": {
                   "fileName": {
                    "type": "string"
                   },
                   "contentType": {
                    "type": "string"
                   },
                   "contentBase64": {
                    "type": "string",
                    "description": "A JPEG, PNG or PDF scan up to 5 MB"
                   }
                  }
                 }
                }
               }
              }
             }
            }
           },
           "delete": {
            "summary": "Remove a certificate from the profile (kept for the record; audited)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "204": {
              "description": "Removed"
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^crt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/certificates/{id}/file": {
           "get": {
            "summary": "A certificate's scan (HQ, or the partner itself)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "200": {
              "description": "The file",
              "content": {
               "application/octet-stream": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^crt_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/partners/{id}/credit-rating": {
           "post": {
            "summary": "Set a partner's credit rating with the reason (HQ admin, operations or finance; kept as history; audited)",
            "tags": [
             "profiles"
            ],
            "responses": {
             "201": {
              "description": "Rating",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "rating",
                  "reason",
                  "setBy",
                  "setAt"
                 ],
                 "properties": {
                  "rating": {
                   "type": "string",
                   "enum": [
                    "A",
                    "B",
                    "C",
                    "D"
                   ]
                  },
                  "reason": {
                   "type": "string"
                  },
                  "setBy": {
                   "type": "string"
                  },
                  "setAt": {
                   "type": "string",
                   "format": "date-time"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^prt_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "rating",
                 "reason"
                ],
                "properties": {
                 "rating": {
                  "type": "string",
                  "enum": [
                   "A",
                   "B",
                   "C",
                   "D"
                  ]
                 },
                 "reason": {
                  "type": "string",
                  "minLength": 2,
                  "maxLength": 200
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/promotions": {
           "get": {
            "summary": "Promotions (HQ: all; a partner: the running and coming ones targeted at it, by its grade, level and province now)",
            "tags": [
             "promotions"
            ],
            "responses": {
             "200": {
              "description": "A page of promotions",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "items",
                  "page",
                  "pageSize",
                  "totalCount"
                 ],
                 "properties": {
                  "items": {
                   "type": "array",
                   "items": {
                    "$ref": "#/components/schemas/Promotion"
                   }
                  },
                  "page": {
                   "type": "integer",
                   "minimum": 1
                  },
                  "pageSize": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 200
                  },
                  "totalCount": {
                   "type": "integer",
                   "minimum": 0
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             }
            ]
           },
           "post": {
            "summary": "Offer a price or a discount on chosen products for a period to chosen grades, levels or provinces (HQ admin or operations; targeted partners are notified; audited)",
            "tags": [
             "promotions"
            ],
            "responses": {
             "201": {
              "description": "Promotion",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Promotion"
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "name",
                 "kind",
                 "startsAt",
                 "endsAt",
                 "products"
                ],
                "properties": {
                 "name": {
                  "type": "string",
                  "maxLength": 60
                 },
                 "kind": {
                  "type": "string",
                  "enum": [
                   "price",
                   "discount"
                  ]
                 },
                 "discountBp": {
                  "type": "integer",
                  "format": "int64",
                  "minimum": 1,
                  "maximum": 9999
                 },
                 "startsAt": {
                  "type": "string",
                  "description": "ISO 8601, yyyy-MM-dd HH:mm or yyyy-MM-dd (Beijing time)"
                 },
                 "endsAt": {
                  "type": "string",
                  "description": "A date alone ends at the end of that day"
                 },
                 "grades": {
                  "type": "array",
                  "items": {
                   "type": "string",
                   "enum": [
                    "quality",
                    "potential",
                    "warning"
                   ]
                  }
                 },
                 "levels": {
                  "type": "array",
                  "items": {
                   "type": "integer",
                   "minimum": 1,
                   "maximum": 3
                  }
                 },
                 "provinces": {
                  "type": "array",
                  "items": {
                   "type": "string"
                  }
                 },
                 "products": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 200,
                  "items": {
                   "type": "object",
                   "required": [
                    "productId"
                   ],
                   "properties": {
                    "productId": {
                     "type": "string",
                     "description": "Product id or SKU"
                    },
                    "priceFen": {
                     "type": "integer",
                     "format": "int64",
                     "minimum": 0,
                     "description": "For price promotions: below the highest level price"
                    }
                   }
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/promotions/{id}": {
           "get": {
            "summary": "One promotion (a partner: only one targeted at it; others are not found)",
            "tags": [
             "promotions"
            ],
            "responses": {
             "200": {
              "description": "Promotion",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Promotion"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^pmo_[0-9a-z]{20}$"
              }
             }
            ]
           }
          },
          "/api/v1/promotions/{id}/cancel": {
           "post": {
            "summary": "Cancel a promotion: orders from now on pay regular prices (HQ admin or operations)",
            "tags": [
             "promotions"
            ],
            "responses": {
             "200": {
              "description": "Promotion",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Promotion"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^pmo_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/imports/products/template": {
           "get": {
            "summary": "The product import template (.xlsx): headers in the caller's language (required ones marked *), an example row, and a sheet of notes (HQ admin or operations)",
            "tags": [
             "imports"
            ],
            "responses": {
             "200": {
              "description": "The template",
              "content": {
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/imports/products": {
           "post": {
            "summary": "Check a filled-in template (.xlsx or .csv in UTF-8 or GBK, base64, up to 20 MB and 10,000 rows); nothing is written. Every problem comes back as a 422 naming `rows[N].field` (N is the row in the sheet; the header is row 1). A valid file is kept as a batch to commit",
            "tags": [
             "imports"
            ],
            "responses": {
             "201": {
              "description": "The batch: what it creates and updates (matched by SKU)",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "batchId",
                  "fileName",
                  "rowCount",
                  "creating",
                  "updating"
                 ],
                 "properties": {
                  "batchId": {
                   "type": "string"
                  },
                  "fileName": {
                   "type": "string"
                  },
                  "rowCount": {
                   "type": "integer"
                  },
                  "creating": {
                   "type": "integer"
                  },
                  "updating": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "fileName",
                 "contentBase64"
                ],
                "properties": {
                 "fileName": {
                  "type": "string",
                  "description": "Its extension decides the format: .xlsx or .csv"
                 },
                 "contentBase64": {
                  "type": "string"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/imports/partners/template": {
           "get": {
            "summary": "The partner import template (.xlsx), as for products (HQ admin or operations)",
            "tags": [
             "imports"
            ],
            "responses": {
             "200": {
              "description": "The template",
              "content": {
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                 "type": "string",
                 "format": "binary"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/imports/partners": {
           "post": {
            "summary": "Check a filled-in partner template as for products: rows match partners by code (a known code updates its profile, never its parent or status); a new partner's parent is a known code or one created by an earlier row; the depth limit holds",
            "tags": [
             "imports"
            ],
            "responses": {
             "201": {
              "description": "The batch",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "batchId",
                  "fileName",
                  "rowCount",
                  "creating",
                  "updating"
                 ],
                 "properties": {
                  "batchId": {
                   "type": "string"
                  },
                  "fileName": {
                   "type": "string"
                  },
                  "rowCount": {
                   "type": "integer"
                  },
                  "creating": {
                   "type": "integer"
                  },
                  "updating": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "400": {
              "description": "Malformed request",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ],
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "type": "object",
                "required": [
                 "fileName",
                 "contentBase64"
                ],
                "properties": {
                 "fileName": {
                  "type": "string"
                 },
                 "contentBase64": {
                  "type": "string"
                 }
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/imports/{id}/commit": {
           "post": {
            "summary": "Import a checked batch: every row or none, each product created or updated audited; once (409 after)",
            "tags": [
             "imports"
            ],
            "responses": {
             "200": {
              "description": "What was done",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "required": [
                  "batchId",
                  "created",
                  "updated",
                  "unchanged"
                 ],
                 "properties": {
                  "batchId": {
                   "type": "string"
                  },
                  "created": {
                   "type": "integer"
                  },
                  "updated": {
                   "type": "integer"
                  },
                  "unchanged": {
                   "type": "integer"
                  }
                 }
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "Not found or not visible to the caller",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "409": {
              "description": "Conflict (changed meanwhile, or an idempotency key in progress)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "Invalid input (every field's problem is listed)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            },
            "parameters": [
             {
              "name": "id",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "pattern": "^imp_[0-9a-z]{20}$"
              }
             },
             {
              "name": "Idempotency-Key",
              "in": "header",
              "required": false,
              "schema": {
               "type": "string",
               "minLength": 1,
               "maxLength": 255
              },
              "description": "Replays the first response for the same key and body; the same key with a different body is refused with 422."
             }
            ]
           }
          },
          "/api/v1/dashboard": {
           "get": {
            "summary": "HQ's dashboard: net sales, orders, average order, active and new partners, commission accrued/settleable/paid, prepaid balances and top-ups, returns — each with the previous period of the same length — a trend, breakdowns by province/level/grade/type and the top 10 partners and products (HQ only)",
            "tags": [
             "dashboard"
            ],
            "parameters": [
             {
              "name": "range",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "today",
                "yesterday",
                "last7",
                "last30",
                "last90",
                "month",
                "lastMonth",
                "quarter",
                "year",
                "last12Months",
                "custom"
               ]
              },
              "description": "A preset counted back from today (Asia/Shanghai); default last30. `custom`, or no range with from/to, uses from and to."
             },
             {
              "name": "from",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              },
              "description": "First day of a custom range"
             },
             {
              "name": "to",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              },
              "description": "Last day of a custom range (not in the future; at most 1,830 days after from)"
             },
             {
              "name": "granularity",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "day",
                "week",
                "month"
               ]
              },
              "description": "Trend buckets; default by length (day up to 62 days, week up to 184, else month). Day allows at most 92 days, week 371."
             },
             {
              "name": "province",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "Only partners in this province (full name, e.g. 广东省)"
             },
             {
              "name": "level",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 3
              }
             },
             {
              "name": "grade",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "quality",
                "potential",
                "warning"
               ]
              },
              "description": "Only partners currently in this grade (top products are not narrowed by grade)"
             },
             {
              "name": "type",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "distributor",
                "agent",
                "store"
               ]
              }
             }
            ],
            "responses": {
             "200": {
              "description": "The dashboard",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Dashboard"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed (partners)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "A filter value is invalid; each is named in errors[].field",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          },
          "/api/v1/reports/{kind}": {
           "get": {
            "summary": "One page of an HQ report with the dashboard's filters: sales by partner/product/region, commission by partner, prepaid movements, returns, partner grades; contact phones masked (HQ only)",
            "tags": [
             "dashboard"
            ],
            "parameters": [
             {
              "name": "kind",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string",
               "enum": [
                "sales-by-partner",
                "sales-by-product",
                "sales-by-region",
                "commission",
                "prepaid",
                "returns",
                "grades"
               ]
              }
             },
             {
              "name": "range",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "today",
                "yesterday",
                "last7",
                "last30",
                "last90",
                "month",
                "lastMonth",
                "quarter",
                "year",
                "last12Months",
                "custom"
               ]
              },
              "description": "A preset counted back from today (Asia/Shanghai); default last30. `custom`, or no range with from/to, uses from and to."
             },
             {
              "name": "from",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              },
              "description": "First day of a custom range"
             },
             {
              "name": "to",
              "in": "query",
              "schema": {
               "type": "string",
               "format": "date"
              },
              "description": "Last day of a custom range (not in the future; at most 1,830 days after from)"
             },
             {
              "name": "granularity",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "day",
                "week",
                "month"
               ]
              },
              "description": "Trend buckets; default by length (day up to 62 days, week up to 184, else month). Day allows at most 92 days, week 371."
             },
             {
              "name": "province",
              "in": "query",
              "schema": {
               "type": "string"
              },
              "description": "Only partners in this province (full name, e.g. 广东省)"
             },
             {
              "name": "level",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 3
              }
             },
             {
              "name": "grade",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "quality",
                "potential",
                "warning"
               ]
              },
              "description": "Only partners currently in this grade (top products are not narrowed by grade)"
             },
             {
              "name": "type",
              "in": "query",
              "schema": {
               "type": "string",
               "enum": [
                "distributor",
                "agent",
                "store"
               ]
              }
             },
             {
              "name": "page",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1
              }
             },
             {
              "name": "pageSize",
              "in": "query",
              "schema": {
               "type": "integer",
               "minimum": 1,
               "maximum": 200
              }
             }
            ],
            "responses": {
             "200": {
              "description": "A page of the report",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Report"
                }
               }
              }
             },
             "401": {
              "description": "Not signed in",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "403": {
              "description": "Not allowed (partners)",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "422": {
              "description": "A filter value is invalid; each is named in errors[].field",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             },
             "404": {
              "description": "No such report",
              "content": {
               "application/problem+json": {
                "schema": {
                 "$ref": "#/components/schemas/Problem"
                }
               }
              }
             }
            }
           }
          }
         },
         "components": {
          "securitySchemes": {
           "bearer": {
            "type": "http",
            "scheme": "bearer"
           }
          },
          "schemas": {
           "Problem": {
            "type": "object",
            "required": [
             "type",
             "title",
             "status",
             "detail"
            ],
            "properties": {
             "type": {
              "type": "string"
             },
             "title": {
              "type": "string"
             },
             "status": {
              "type": "integer"
             },
             "detail": {
              "type": "string"
             },
             "errors": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "field",
                "message"
               ],
               "properties": {
                "field": {
                 "type": "string"
                },
                "message": {
                 "type": "string"
                }
               }
              }
             }
            }
           },
           "TokenRequest": {
            "type": "object",
            "required": [
             "username",
             "password"
            ],
            "properties": {
             "username": {
              "type": "string",
              "maxLength": 64
             },
             "password": {
              "type": "string"
             }
            }
           },
           "Token": {
            "type": "object",
            "required": [
             "token",
             "tokenType",
             "expiresAt",
             "account"
            ],
            "properties": {
             "token": {
              "type": "string"
             },
             "tokenType": {
              "type": "string",
              "enum": [
               "Bearer"
              ]
             },
             "expiresAt": {
              "type": "string",
              "format": "date-time"
             },
             "account": {
              "$ref": "#/components/schemas/Account"
             }
            }
           },
           "Partner": {
            "type": "object",
            "required": [
             "id",
             "code",
             "name",
             "type",
             "level",
             "status",
             "province",
             "city",
             "address",
             "contactName",
             "contactPhoneMasked",
             "createdAt",
             "updatedAt",
             "rowVersion"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "code": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "type": {
              "type": "string",
              "enum": [
               "distributor",
               "agent",
               "store"
              ]
             },
             "level": {
              "type": "integer",
              "minimum": 1,
              "maximum": 3
             },
             "parentId": {
              "type": "string",
              "description": "Absent for level-1 partners (their parent is HQ)"
             },
             "status": {
              "type": "string",
              "enum": [
               "pending",
               "active",
               "suspended",
               "terminated"
              ]
             },
             "province": {
              "type": "string"
             },
             "city": {
              "type": "string"
             },
             "address": {
              "type": "string"
             },
             "contactName": {
              "type": "string"
             },
             "contactPhoneMasked": {
              "type": "string",
              "example": "138****1234"
             },
             "businessLicenceNumber": {
              "type": "string",
              "description": "Masked for partner viewers"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "updatedAt": {
              "type": "string",
              "format": "date-time"
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "PartnerCreate": {
            "type": "object",
            "required": [
             "name",
             "type",
             "province",
             "city",
             "contactName",
             "contactPhone"
            ],
            "properties": {
             "code": {
              "type": "string",
              "maxLength": 32,
              "description": "Generated when absent"
             },
             "name": {
              "type": "string",
              "maxLength": 100
             },
             "type": {
              "type": "string",
              "enum": [
               "distributor",
               "agent",
               "store"
              ]
             },
             "parentId": {
              "type": "string",
              "description": "Parent partner id or code; absent or empty for HQ"
             },
             "province": {
              "type": "string"
             },
             "city": {
              "type": "string",
              "maxLength": 50
             },
             "address": {
              "type": "string",
              "maxLength": 200
             },
             "contactName": {
              "type": "string",
              "maxLength": 50
             },
             "contactPhone": {
              "type": "string",
              "maxLength": 20
             },
             "businessLicenceNumber": {
              "type": "string",
              "maxLength": 18
             },
             "status": {
              "type": "string",
              "enum": [
               "pending",
               "active",
               "suspended",
               "terminated"
              ]
             },
             "ownerPassword": {
              "type": "string",
              "description": "Creates the owner account named after the code"
             }
            }
           },
           "PartnerUpdate": {
            "type": "object",
            "properties": {
             "name": {
              "type": "string",
              "maxLength": 100
             },
             "type": {
              "type": "string",
              "enum": [
               "distributor",
               "agent",
               "store"
              ]
             },
             "province": {
              "type": "string"
             },
             "city": {
              "type": "string",
              "maxLength": 50
             },
             "address": {
              "type": "string",
              "maxLength": 200
             },
             "contactName": {
              "type": "string",
              "maxLength": 50
             },
             "contactPhone": {
              "type": "string",
              "maxLength": 20
             },
             "businessLicenceNumber": {
              "type": "string",
              "maxLength": 18
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64",
              "description": "Refuses the edit with 409 if the partner changed since"
             }
            }
           },
           "PartnerMove": {
            "type": "object",
            "properties": {
             "parentId": {
              "type": "string",
              "nullable": true,
              "description": "New parent id or code; null or empty moves it under HQ"
             }
            }
           },
           "PartnerStatusChange": {
            "type": "object",
            "required": [
             "status"
            ],
            "properties": {
             "status": {
              "type": "string",
              "enum": [
               "pending",
               "active",
               "suspended",
               "terminated"
              ]
             },
             "reason": {
              "type": "string",
              "maxLength": 500,
              "description": "Required unless the new status is active"
             }
            }
           },
           "Category": {
            "type": "object",
            "required": [
             "id",
             "name",
             "sortOrder",
             "productCount"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "sortOrder": {
              "type": "integer",
              "format": "int64"
             },
             "productCount": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "CategoryWrite": {
            "type": "object",
            "required": [
             "name"
            ],
            "properties": {
             "name": {
              "type": "string",
              "maxLength": 50
             },
             "sortOrder": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 9999
             }
            }
           },
           "Product": {
            "type": "object",
            "required": [
             "id",
             "sku",
             "name",
             "categoryId",
             "categoryName",
             "unit",
             "packSize",
             "listPriceFen",
             "onShelf",
             "description",
             "createdAt",
             "updatedAt",
             "rowVersion"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "sku": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "categoryId": {
              "type": "string"
             },
             "categoryName": {
              "type": "string"
             },
             "unit": {
              "type": "string"
             },
             "packSize": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
             },
             "listPriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "level1PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "description": "HQ only"
             },
             "level2PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "description": "HQ only"
             },
             "level3PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "description": "HQ only"
             },
             "commissionRate1Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000,
              "description": "HQ only; absent when the rule's rates apply"
             },
             "commissionRate2Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "commissionRate3Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "purchasePriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "description": "Partners only: the caller's level price"
             },
             "onShelf": {
              "type": "boolean"
             },
             "description": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "updatedAt": {
              "type": "string",
              "format": "date-time"
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "ProductWrite": {
            "type": "object",
            "required": [
             "sku",
             "name",
             "categoryId",
             "unit",
             "packSize",
             "listPriceFen",
             "level1PriceFen",
             "level2PriceFen",
             "level3PriceFen"
            ],
            "properties": {
             "sku": {
              "type": "string",
              "maxLength": 40
             },
             "name": {
              "type": "string",
              "maxLength": 100
             },
             "categoryId": {
              "type": "string",
              "description": "Category id or exact name"
             },
             "unit": {
              "type": "string",
              "maxLength": 10
             },
             "packSize": {
              "type": "integer",
              "format": "int64",
              "minimum": 1,
              "maximum": 100000
             },
             "listPriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level1PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level2PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level3PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "commissionRate1Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000,
              "description": "All three override rates, or none"
             },
             "commissionRate2Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "commissionRate3Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "onShelf": {
              "type": "boolean"
             },
             "description": {
              "type": "string",
              "maxLength": 2000
             }
            }
           },
           "ProductUpdate": {
            "type": "object",
            "properties": {
             "sku": {
              "type": "string",
              "maxLength": 40
             },
             "name": {
              "type": "string",
              "maxLength": 100
             },
             "categoryId": {
              "type": "string"
             },
             "unit": {
              "type": "string",
              "maxLength": 10
             },
             "packSize": {
              "type": "integer",
              "format": "int64",
              "minimum": 1,
              "maximum": 100000
             },
             "listPriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level1PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level2PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "level3PriceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 1000000000
             },
             "commissionRate1Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "commissionRate2Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "commissionRate3Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "onShelf": {
              "type": "boolean"
             },
             "description": {
              "type": "string",
              "maxLength": 2000
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "Account": {
            "type": "object",
            "required": [
             "id",
             "username",
             "displayName",
             "kind",
             "isOwner",
             "permissions",
             "status",
             "createdAt",
             "updatedAt",
             "rowVersion"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "username": {
              "type": "string"
             },
             "displayName": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "hq",
               "partner"
              ]
             },
             "hqRole": {
              "type": "string",
              "enum": [
               "admin",
               "finance",
               "operations",
               "viewer"
              ]
             },
             "partnerId": {
              "type": "string"
             },
             "isOwner": {
              "type": "boolean"
             },
             "permissions": {
              "type": "array",
              "items": {
               "type": "string",
               "enum": [
                "finance_view",
                "ordering",
                "team_management"
               ]
              }
             },
             "status": {
              "type": "string",
              "enum": [
               "active",
               "disabled"
              ]
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "updatedAt": {
              "type": "string",
              "format": "date-time"
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "AccountCreate": {
            "type": "object",
            "required": [
             "username",
             "displayName",
             "password"
            ],
            "properties": {
             "username": {
              "type": "string",
              "maxLength": 64
             },
             "displayName": {
              "type": "string",
              "maxLength": 50
             },
             "kind": {
              "type": "string",
              "enum": [
               "hq",
               "partner"
              ],
              "description": "HQ callers only; partner callers always create sub-accounts of their own partner"
             },
             "hqRole": {
              "type": "string",
              "enum": [
               "admin",
               "finance",
               "operations",
               "viewer"
              ]
             },
             "partnerId": {
              "type": "string",
              "description": "Partner id or code (HQ callers)"
             },
             "isOwner": {
              "type": "boolean"
             },
             "permissions": {
              "type": "array",
              "items": {
               "type": "string",
               "enum": [
                "finance_view",
                "ordering",
                "team_management"
               ]
              }
             },
             "password": {
              "type": "string",
              "minLength": 8
             }
            }
           },
           "AccountUpdate": {
            "type": "object",
            "properties": {
             "displayName": {
              "type": "string",
              "maxLength": 50
             },
             "hqRole": {
              "type": "string",
              "enum": [
               "admin",
               "finance",
               "operations",
               "viewer"
              ]
             },
             "permissions": {
              "type": "array",
              "items": {
               "type": "string",
               "enum": [
                "finance_view",
                "ordering",
                "team_management"
               ]
              }
             },
             "status": {
              "type": "string",
              "enum": [
               "active",
               "disabled"
              ]
             },
             "password": {
              "type": "string",
              "minLength": 8,
              "description": "Resets the password and ends every session"
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "AuditEntry": {
            "type": "object",
            "required": [
             "sequence",
             "id",
             "occurredAt",
             "username",
             "sourceIP",
             "action",
             "entityType",
             "entityId",
             "rowHash"
            ],
            "properties": {
             "sequence": {
              "type": "integer",
              "format": "int64"
             },
             "id": {
              "type": "string"
             },
             "occurredAt": {
              "type": "string",
              "format": "date-time"
             },
             "accountId": {
              "type": "string"
             },
             "username": {
              "type": "string"
             },
             "sourceIP": {
              "type": "string"
             },
             "action": {
              "type": "string"
             },
             "entityType": {
              "type": "string"
             },
             "entityId": {
              "type": "string"
             },
             "before": {
              "type": "string",
              "description": "JSON of the state before"
             },
             "after": {
              "type": "string",
              "description": "JSON of the state after"
             },
             "rowHash": {
              "type": "string"
             }
            }
           },
           "Settings": {
            "type": "object",
            "required": [
             "maxLevels",
             "prepaid",
             "orderWindows"
            ],
            "properties": {
             "maxLevels": {
              "type": "integer",
              "minimum": 1,
              "maximum": 3
             },
             "prepaid": {
              "$ref": "#/components/schemas/PrepaidRules"
             },
             "orderWindows": {
              "$ref": "#/components/schemas/OrderWindows"
             }
            }
           },
           "SettingsWrite": {
            "type": "object",
            "properties": {
             "maxLevels": {
              "type": "integer",
              "minimum": 1,
              "maximum": 3
             },
             "prepaid": {
              "$ref": "#/components/schemas/PrepaidRules"
             },
             "orderWindows": {
              "$ref": "#/components/schemas/OrderWindows"
             }
            }
           },
           "Balance": {
            "type": "object",
            "required": [
             "partnerId",
             "balanceFen",
             "topUpsInWindowFen",
             "discountRateBp"
            ],
            "properties": {
             "partnerId": {
              "type": "string"
             },
             "balanceFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "topUpsInWindowFen": {
              "type": "integer",
              "format": "int64"
             },
             "discountRateBp": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "StatementLine": {
            "type": "object",
            "required": [
             "entryId",
             "kind",
             "reference",
             "memo",
             "changeFen",
             "balanceAfterFen",
             "postedAt"
            ],
            "properties": {
             "entryId": {
              "type": "integer",
              "format": "int64"
             },
             "kind": {
              "type": "string"
             },
             "reference": {
              "type": "string"
             },
             "memo": {
              "type": "string"
             },
             "changeFen": {
              "type": "integer",
              "format": "int64"
             },
             "balanceAfterFen": {
              "type": "integer",
              "format": "int64"
             },
             "postedAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "TopUp": {
            "type": "object",
            "required": [
             "id",
             "number",
             "partnerId",
             "amountFen",
             "bonusFen",
             "bankReference",
             "hasProof",
             "note",
             "status",
             "requestedAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "partnerId": {
              "type": "string"
             },
             "amountFen": {
              "type": "integer",
              "format": "int64"
             },
             "bonusFen": {
              "type": "integer",
              "format": "int64"
             },
             "bankReference": {
              "type": "string"
             },
             "hasProof": {
              "type": "boolean"
             },
             "note": {
              "type": "string"
             },
             "status": {
              "type": "string",
              "enum": [
               "pending",
               "confirmed",
               "rejected"
              ]
             },
             "requestedAt": {
              "type": "string",
              "format": "date-time"
             },
             "decidedAt": {
              "type": "string",
              "format": "date-time"
             },
             "rejectionReason": {
              "type": "string"
             }
            }
           },
           "Quote": {
            "type": "object",
            "required": [
             "lines",
             "grossFen",
             "discountRateBp",
             "discountFen",
             "netFen",
             "balanceFen",
             "balanceAfterFen"
            ],
            "properties": {
             "lines": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "productId": {
                 "type": "string"
                },
                "sku": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "quantity": {
                 "type": "integer",
                 "format": "int64"
                },
                "unitPriceFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "grossFen": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             },
             "grossFen": {
              "type": "integer",
              "format": "int64"
             },
             "discountRateBp": {
              "type": "integer",
              "format": "int64"
             },
             "discountFen": {
              "type": "integer",
              "format": "int64"
             },
             "netFen": {
              "type": "integer",
              "format": "int64"
             },
             "balanceFen": {
              "type": "integer",
              "format": "int64"
             },
             "balanceAfterFen": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "Order": {
            "type": "object",
            "required": [
             "id",
             "number",
             "kind",
             "partnerId",
             "status",
             "grossFen",
             "discountRateBp",
             "discountFen",
             "netFen",
             "refundedFen",
             "paymentMethod",
             "shipName",
             "shipPhoneMasked",
             "shipAddress",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "purchase",
               "referral"
              ]
             },
             "partnerId": {
              "type": "string"
             },
             "status": {
              "type": "string",
              "enum": [
               "pending_payment",
               "paid",
               "shipped",
               "delivered",
               "received",
               "completed",
               "cancelled"
              ]
             },
             "grossFen": {
              "type": "integer",
              "format": "int64"
             },
             "discountRateBp": {
              "type": "integer",
              "format": "int64"
             },
             "discountFen": {
              "type": "integer",
              "format": "int64"
             },
             "netFen": {
              "type": "integer",
              "format": "int64"
             },
             "refundedFen": {
              "type": "integer",
              "format": "int64"
             },
             "paymentMethod": {
              "type": "string",
              "enum": [
               "prepaid",
               "external"
              ]
             },
             "paymentReference": {
              "type": "string"
             },
             "shipName": {
              "type": "string"
             },
             "shipPhoneMasked": {
              "type": "string"
             },
             "shipAddress": {
              "type": "string"
             },
             "carrier": {
              "type": "string"
             },
             "trackingNumber": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "paidAt": {
              "type": "string",
              "format": "date-time"
             },
             "shippedAt": {
              "type": "string",
              "format": "date-time"
             },
             "deliveredAt": {
              "type": "string",
              "format": "date-time"
             },
             "receivedAt": {
              "type": "string",
              "format": "date-time"
             },
             "completedAt": {
              "type": "string",
              "format": "date-time"
             },
             "cancelledAt": {
              "type": "string",
              "format": "date-time"
             },
             "lines": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "lineNumber": {
                 "type": "integer"
                },
                "productId": {
                 "type": "string"
                },
                "sku": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "unit": {
                 "type": "string"
                },
                "unitPriceFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "quantity": {
                 "type": "integer",
                 "format": "int64"
                },
                "returnedQuantity": {
                 "type": "integer",
                 "format": "int64"
                },
                "grossFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "promotionId": {
                 "type": "string",
                 "description": "The promotion that set the unit price, when one did"
                },
                "regularUnitPriceFen": {
                 "type": "integer",
                 "format": "int64",
                 "description": "The unit price without the promotion, when one applied"
                }
               }
              }
             },
             "returns": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/Return"
              }
             },
             "allocation": {
              "type": "string",
              "enum": [
               "allocated",
               "waiting"
              ],
              "description": "waiting: a paid purchase order HQ stock could not fill yet; it ships once stock is allocated (quality partners first, then oldest first)"
             },
             "backorderedAt": {
              "type": "string",
              "format": "date-time"
             },
             "allocatedAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "Return": {
            "type": "object",
            "required": [
             "id",
             "number",
             "orderId",
             "status",
             "reason",
             "afterCompletion",
             "lines",
             "requestedAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "orderId": {
              "type": "string"
             },
             "status": {
              "type": "string",
              "enum": [
               "requested",
               "approved",
               "rejected",
               "received",
               "refunded"
              ]
             },
             "reason": {
              "type": "string"
             },
             "afterCompletion": {
              "type": "boolean"
             },
             "lines": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "lineNumber": {
                 "type": "integer"
                },
                "quantity": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             },
             "refundFen": {
              "type": "integer",
              "format": "int64"
             },
             "rejectionReason": {
              "type": "string"
             },
             "requestedAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "Voucher": {
            "type": "object",
            "required": [
             "sequence",
             "id",
             "event",
             "toStatus",
             "occurredAt",
             "actor",
             "sourceIP",
             "payload",
             "rowHash"
            ],
            "properties": {
             "sequence": {
              "type": "integer",
              "format": "int64"
             },
             "id": {
              "type": "string"
             },
             "event": {
              "type": "string"
             },
             "fromStatus": {
              "type": "string"
             },
             "toStatus": {
              "type": "string"
             },
             "occurredAt": {
              "type": "string",
              "format": "date-time"
             },
             "actor": {
              "type": "string"
             },
             "sourceIP": {
              "type": "string"
             },
             "payload": {
              "type": "string",
              "description": "JSON evidence: payment reference, carrier and tracking number, proof of delivery…"
             },
             "rowHash": {
              "type": "string"
             }
            }
           },
           "Address": {
            "type": "object",
            "required": [
             "id",
             "label",
             "name",
             "phoneMasked",
             "province",
             "city",
             "district",
             "detail",
             "isDefault",
             "formatted"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "label": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "phoneMasked": {
              "type": "string"
             },
             "province": {
              "type": "string"
             },
             "city": {
              "type": "string"
             },
             "district": {
              "type": "string"
             },
             "detail": {
              "type": "string"
             },
             "isDefault": {
              "type": "boolean"
             },
             "formatted": {
              "type": "string",
              "description": "Ready to paste: recipient, phone and address"
             }
            }
           },
           "AddressWrite": {
            "type": "object",
            "required": [
             "name",
             "phone",
             "province",
             "city",
             "detail"
            ],
            "properties": {
             "label": {
              "type": "string",
              "maxLength": 30
             },
             "name": {
              "type": "string",
              "maxLength": 50
             },
             "phone": {
              "type": "string",
              "maxLength": 20
             },
             "province": {
              "type": "string"
             },
             "city": {
              "type": "string",
              "maxLength": 50
             },
             "district": {
              "type": "string",
              "maxLength": 50
             },
             "detail": {
              "type": "string",
              "maxLength": 200
             },
             "isDefault": {
              "type": "boolean"
             }
            }
           },
           "Stock": {
            "type": "object",
            "required": [
             "productId",
             "sku",
             "name",
             "onHand",
             "reserved",
             "available"
            ],
            "properties": {
             "productId": {
              "type": "string"
             },
             "sku": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "onHand": {
              "type": "integer",
              "format": "int64"
             },
             "reserved": {
              "type": "integer",
              "format": "int64"
             },
             "available": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "StockChange": {
            "type": "object",
            "required": [
             "productId",
             "quantity"
            ],
            "properties": {
             "productId": {
              "type": "string",
              "description": "Product id or SKU"
             },
             "quantity": {
              "type": "integer",
              "format": "int64"
             },
             "note": {
              "type": "string",
              "maxLength": 200
             }
            }
           },
           "PrepaidRules": {
            "type": "object",
            "required": [
             "bonusTiers",
             "discountTiers",
             "maximumTopUpFen",
             "discountWindowDays"
            ],
            "properties": {
             "bonusTiers": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "thresholdFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "rateBp": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             },
             "discountTiers": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "thresholdFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "rateBp": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             },
             "maximumTopUpFen": {
              "type": "integer",
              "format": "int64"
             },
             "discountWindowDays": {
              "type": "integer"
             }
            }
           },
           "OrderWindows": {
            "type": "object",
            "required": [
             "autoReceiveDays",
             "returnWindowDays"
            ],
            "properties": {
             "autoReceiveDays": {
              "type": "integer",
              "minimum": 1,
              "maximum": 90
             },
             "returnWindowDays": {
              "type": "integer",
              "minimum": 0,
              "maximum": 90
             }
            }
           },
           "CommissionRule": {
            "type": "object",
            "required": [
             "version",
             "rate1Bp",
             "rate2Bp",
             "rate3Bp",
             "capBp",
             "bonusTiers",
             "settlementDay",
             "minimumPayoutFen",
             "autoReceiveDays",
             "returnWindowDays",
             "effectiveAt"
            ],
            "properties": {
             "version": {
              "type": "integer",
              "format": "int64"
             },
             "rate1Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "rate2Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "rate3Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "capBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "bonusTiers": {
              "type": "array",
              "maxItems": 10,
              "items": {
               "type": "object",
               "required": [
                "thresholdFen",
                "rateBp"
               ],
               "properties": {
                "thresholdFen": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "rateBp": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0,
                 "maximum": 10000
                }
               }
              }
             },
             "settlementDay": {
              "type": "integer",
              "minimum": 1,
              "maximum": 28
             },
             "minimumPayoutFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
             },
             "autoReceiveDays": {
              "type": "integer",
              "minimum": 1,
              "maximum": 90
             },
             "returnWindowDays": {
              "type": "integer",
              "minimum": 0,
              "maximum": 90
             },
             "effectiveAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "CommissionRuleWrite": {
            "type": "object",
            "required": [
             "rate1Bp",
             "rate2Bp",
             "rate3Bp",
             "capBp",
             "settlementDay",
             "minimumPayoutFen",
             "autoReceiveDays",
             "returnWindowDays"
            ],
            "properties": {
             "rate1Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "rate2Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "rate3Bp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "capBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "bonusTiers": {
              "type": "array",
              "maxItems": 10,
              "items": {
               "type": "object",
               "required": [
                "thresholdFen",
                "rateBp"
               ],
               "properties": {
                "thresholdFen": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "rateBp": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0,
                 "maximum": 10000
                }
               }
              }
             },
             "settlementDay": {
              "type": "integer",
              "minimum": 1,
              "maximum": 28
             },
             "minimumPayoutFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
             },
             "autoReceiveDays": {
              "type": "integer",
              "minimum": 1,
              "maximum": 90
             },
             "returnWindowDays": {
              "type": "integer",
              "minimum": 0,
              "maximum": 90
             },
             "effectiveAt": {
              "type": "string",
              "description": "ISO 8601 with an offset, or yyyy-MM-dd HH:mm in Beijing time; absent: now"
             }
            }
           },
           "CommissionRules": {
            "type": "object",
            "required": [
             "current",
             "versions"
            ],
            "properties": {
             "current": {
              "$ref": "#/components/schemas/CommissionRule"
             },
             "versions": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/CommissionRule"
              }
             }
            }
           },
           "RuleSimulation": {
            "type": "object",
            "required": [
             "month",
             "orderCount",
             "currentByPositionFen",
             "draftByPositionFen",
             "changes"
            ],
            "properties": {
             "month": {
              "type": "string"
             },
             "orderCount": {
              "type": "integer"
             },
             "currentByPositionFen": {
              "type": "array",
              "items": {
               "type": "integer",
               "format": "int64"
              }
             },
             "draftByPositionFen": {
              "type": "array",
              "items": {
               "type": "integer",
               "format": "int64"
              }
             },
             "changes": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "partnerId": {
                 "type": "string"
                },
                "partnerCode": {
                 "type": "string"
                },
                "currentFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "draftFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "changeFen": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             }
            }
           },
           "CommissionSummary": {
            "type": "object",
            "required": [
             "frozenFen",
             "settleableFen",
             "settledTotalFen",
             "settledLastRunFen",
             "ordersAwaitingSettlement"
            ],
            "properties": {
             "frozenFen": {
              "type": "integer",
              "format": "int64"
             },
             "settleableFen": {
              "type": "integer",
              "format": "int64"
             },
             "settledTotalFen": {
              "type": "integer",
              "format": "int64"
             },
             "settledLastRunFen": {
              "type": "integer",
              "format": "int64"
             },
             "ordersAwaitingSettlement": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "CommissionRecord": {
            "type": "object",
            "required": [
             "id",
             "kind",
             "partnerId",
             "baseFen",
             "amountFen",
             "ruleVersion",
             "state",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "commission",
               "adjustment",
               "bonus"
              ]
             },
             "partnerId": {
              "type": "string"
             },
             "orderId": {
              "type": "string"
             },
             "orderNumber": {
              "type": "string"
             },
             "position": {
              "type": "integer",
              "minimum": 1,
              "maximum": 3
             },
             "month": {
              "type": "string",
              "description": "Bonus records: the month of the sales"
             },
             "baseFen": {
              "type": "integer",
              "format": "int64"
             },
             "amountFen": {
              "type": "integer",
              "format": "int64"
             },
             "ruleVersion": {
              "type": "integer",
              "format": "int64"
             },
             "state": {
              "type": "string",
              "enum": [
               "frozen",
               "settleable",
               "settled",
               "reversed"
              ]
             },
             "settleableAt": {
              "type": "string",
              "format": "date-time"
             },
             "statementId": {
              "type": "string"
             },
             "statementNumber": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "CommissionDetail": {
            "type": "object",
            "required": [
             "record"
            ],
            "properties": {
             "record": {
              "$ref": "#/components/schemas/CommissionRecord"
             },
             "explanation": {
              "type": "object",
              "properties": {
               "position": {
                "type": "integer"
               },
               "ruleVersion": {
                "type": "integer",
                "format": "int64"
               },
               "discountRateBp": {
                "type": "integer",
                "format": "int64"
               },
               "lines": {
                "type": "array",
                "items": {
                 "type": "object",
                 "properties": {
                  "lineNumber": {
                   "type": "integer"
                  },
                  "grossFen": {
                   "type": "integer",
                   "format": "int64"
                  },
                  "discountShareFen": {
                   "type": "integer",
                   "format": "int64"
                  },
                  "baseFen": {
                   "type": "integer",
                   "format": "int64"
                  },
                  "rateBp": {
                   "type": "integer",
                   "format": "int64"
                  },
                  "productOverride": {
                   "type": "boolean"
                  },
                  "productFenBp": {
                   "type": "integer",
                   "format": "int64"
                  }
                 }
                }
               },
               "totalFenBp": {
                "type": "integer",
                "format": "int64"
               },
               "amountFen": {
                "type": "integer",
                "format": "int64"
               },
               "rounding": {
                "type": "string"
               }
              }
             },
             "bookedBeforeFen": {
              "type": "integer",
              "format": "int64",
              "description": "Adjustments: booked before the return"
             },
             "recomputedFen": {
              "type": "integer",
              "format": "int64",
              "description": "Adjustments: recomputed after it"
             }
            }
           },
           "SettlementRun": {
            "type": "object",
            "required": [
             "month",
             "status",
             "triggeredBy",
             "startedAt",
             "partnersExamined",
             "statementsCreated",
             "bonusesCreated"
            ],
            "properties": {
             "month": {
              "type": "string"
             },
             "status": {
              "type": "string",
              "enum": [
               "running",
               "completed"
              ]
             },
             "triggeredBy": {
              "type": "string"
             },
             "startedAt": {
              "type": "string",
              "format": "date-time"
             },
             "completedAt": {
              "type": "string",
              "format": "date-time"
             },
             "partnersExamined": {
              "type": "integer",
              "format": "int64"
             },
             "statementsCreated": {
              "type": "integer",
              "format": "int64"
             },
             "bonusesCreated": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "SettlementPreview": {
            "type": "object",
            "required": [
             "month",
             "ruleVersion",
             "runAt",
             "alreadySettled",
             "totalFen",
             "carriedOverFen",
             "lines"
            ],
            "properties": {
             "month": {
              "type": "string"
             },
             "ruleVersion": {
              "type": "integer",
              "format": "int64"
             },
             "runAt": {
              "type": "string",
              "format": "date-time"
             },
             "alreadySettled": {
              "type": "boolean"
             },
             "totalFen": {
              "type": "integer",
              "format": "int64"
             },
             "carriedOverFen": {
              "type": "integer",
              "format": "int64"
             },
             "lines": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "partnerId": {
                 "type": "string"
                },
                "partnerCode": {
                 "type": "string"
                },
                "commissionFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "bonusFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "netFen": {
                 "type": "integer",
                 "format": "int64"
                },
                "recordCount": {
                 "type": "integer"
                },
                "settles": {
                 "type": "boolean"
                },
                "payoutMethod": {
                 "type": "string",
                 "enum": [
                  "prepaid",
                  "bank"
                 ]
                }
               }
              }
             }
            }
           },
           "SettlementOutcome": {
            "type": "object",
            "required": [
             "month",
             "partnersExamined",
             "statementsCreated",
             "bonusesCreated"
            ],
            "properties": {
             "month": {
              "type": "string"
             },
             "partnersExamined": {
              "type": "integer"
             },
             "statementsCreated": {
              "type": "integer"
             },
             "bonusesCreated": {
              "type": "integer"
             }
            }
           },
           "Statement": {
            "type": "object",
            "required": [
             "id",
             "number",
             "partnerId",
             "month",
             "commissionFen",
             "bonusFen",
             "netFen",
             "recordCount",
             "payoutMethod",
             "status",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "partnerId": {
              "type": "string"
             },
             "month": {
              "type": "string"
             },
             "commissionFen": {
              "type": "integer",
              "format": "int64"
             },
             "bonusFen": {
              "type": "integer",
              "format": "int64"
             },
             "netFen": {
              "type": "integer",
              "format": "int64"
             },
             "recordCount": {
              "type": "integer",
              "format": "int64"
             },
             "payoutMethod": {
              "type": "string",
              "enum": [
               "prepaid",
               "bank"
              ]
             },
             "status": {
              "type": "string",
              "enum": [
               "paid",
               "pending_payout",
               "payout_failed"
              ]
             },
             "failureReason": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "paidAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "StatementDetail": {
            "type": "object",
            "required": [
             "statement",
             "records"
            ],
            "properties": {
             "statement": {
              "$ref": "#/components/schemas/Statement"
             },
             "records": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/CommissionRecord"
              }
             }
            }
           },
           "PayoutSettings": {
            "type": "object",
            "required": [
             "method"
            ],
            "properties": {
             "method": {
              "type": "string",
              "enum": [
               "prepaid",
               "bank"
              ]
             },
             "accountName": {
              "type": "string"
             },
             "bankName": {
              "type": "string"
             },
             "accountNumberMasked": {
              "type": "string",
              "example": "6222****1234"
             }
            }
           },
           "Notification": {
            "type": "object",
            "required": [
             "id",
             "kind",
             "priority",
             "title",
             "titleEn",
             "body",
             "bodyEn",
             "link",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "kind": {
              "type": "string"
             },
             "priority": {
              "type": "string",
              "enum": [
               "urgent",
               "normal"
              ]
             },
             "title": {
              "type": "string",
              "description": "Chinese"
             },
             "titleEn": {
              "type": "string"
             },
             "body": {
              "type": "string",
              "description": "Chinese"
             },
             "bodyEn": {
              "type": "string"
             },
             "link": {
              "type": "string",
              "description": "The page where the reader acts on it"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             },
             "readAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "NotificationCounts": {
            "type": "object",
            "required": [
             "unread",
             "unreadUrgent"
            ],
            "properties": {
             "unread": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "unreadUrgent": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             }
            }
           },
           "PartnerStock": {
            "type": "object",
            "required": [
             "partnerId",
             "productId",
             "sku",
             "name",
             "unit",
             "packSize",
             "onHand",
             "inTransit"
            ],
            "properties": {
             "partnerId": {
              "type": "string"
             },
             "productId": {
              "type": "string"
             },
             "sku": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "unit": {
              "type": "string"
             },
             "packSize": {
              "type": "integer",
              "format": "int64"
             },
             "onHand": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "inTransit": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             }
            }
           },
           "PartnerStockMovement": {
            "type": "object",
            "required": [
             "id",
             "partnerId",
             "productId",
             "sku",
             "kind",
             "quantity",
             "onHandAfter",
             "businessDate",
             "reference",
             "reason",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "integer",
              "format": "int64"
             },
             "partnerId": {
              "type": "string"
             },
             "productId": {
              "type": "string"
             },
             "sku": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "delivery",
               "return",
               "sell_out",
               "count"
              ]
             },
             "quantity": {
              "type": "integer",
              "format": "int64"
             },
             "onHandAfter": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "businessDate": {
              "type": "string",
              "format": "date"
             },
             "reference": {
              "type": "string"
             },
             "reason": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "SellOutReport": {
            "type": "object",
            "required": [
             "id",
             "number",
             "partnerId",
             "source",
             "lineCount",
             "unitCount",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "partnerId": {
              "type": "string"
             },
             "source": {
              "type": "string",
              "enum": [
               "manual",
               "file",
               "api"
              ]
             },
             "fileName": {
              "type": "string"
             },
             "lineCount": {
              "type": "integer",
              "format": "int64"
             },
             "unitCount": {
              "type": "integer",
              "format": "int64"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "GradingOverview": {
            "type": "object",
            "required": [
             "distribution",
             "runs"
            ],
            "properties": {
             "distribution": {
              "type": "object",
              "additionalProperties": {
               "type": "integer",
               "format": "int64"
              }
             },
             "runs": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "day": {
                 "type": "string",
                 "format": "date"
                },
                "status": {
                 "type": "string",
                 "enum": [
                  "running",
                  "completed"
                 ]
                },
                "triggeredBy": {
                 "type": "string"
                },
                "startedAt": {
                 "type": "string",
                 "format": "date-time"
                },
                "completedAt": {
                 "type": "string",
                 "format": "date-time"
                },
                "partnersGraded": {
                 "type": "integer",
                 "format": "int64"
                },
                "warningsEntered": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             }
            }
           },
           "ChannelPolicy": {
            "type": "object",
            "required": [
             "warningSellThroughBelowBp",
             "warningReturnRateAboveBp",
             "warningSalesDropBp",
             "warningSalesDropMinimumEarlierFen",
             "qualitySellThroughAtLeastBp",
             "qualityReturnRateAtMostBp",
             "leadTimeDays",
             "reviewPeriodDays"
            ],
            "properties": {
             "warningSellThroughBelowBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "warningReturnRateAboveBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "warningSalesDropBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "warningSalesDropMinimumEarlierFen": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
             },
             "qualitySellThroughAtLeastBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "qualityReturnRateAtMostBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 0,
              "maximum": 10000
             },
             "leadTimeDays": {
              "type": "integer",
              "format": "int64",
              "minimum": 1,
              "maximum": 60
             },
             "reviewPeriodDays": {
              "type": "integer",
              "format": "int64",
              "minimum": 1,
              "maximum": 60
             },
             "blockOrdersOnExpiredCertificates": {
              "type": "boolean"
             }
            }
           },
           "GradeRecord": {
            "type": "object",
            "required": [
             "id",
             "day",
             "grade",
             "unitsSold",
             "openingOnHand",
             "unitsReceived",
             "unitsDelivered",
             "unitsReturned",
             "salesLast30DaysFen",
             "salesPrevious30DaysFen",
             "reasons",
             "reasonsEn"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "day": {
              "type": "string",
              "format": "date"
             },
             "grade": {
              "type": "string",
              "enum": [
               "quality",
               "potential",
               "warning"
              ]
             },
             "previousGrade": {
              "type": "string",
              "enum": [
               "quality",
               "potential",
               "warning"
              ]
             },
             "unitsSold": {
              "type": "integer",
              "format": "int64"
             },
             "openingOnHand": {
              "type": "integer",
              "format": "int64"
             },
             "unitsReceived": {
              "type": "integer",
              "format": "int64"
             },
             "unitsDelivered": {
              "type": "integer",
              "format": "int64"
             },
             "unitsReturned": {
              "type": "integer",
              "format": "int64"
             },
             "salesLast30DaysFen": {
              "type": "integer",
              "format": "int64"
             },
             "salesPrevious30DaysFen": {
              "type": "integer",
              "format": "int64"
             },
             "sellThroughBp": {
              "type": "integer",
              "format": "int64",
              "description": "Absent: n/a"
             },
             "returnRateBp": {
              "type": "integer",
              "format": "int64",
              "description": "Absent: n/a"
             },
             "salesChangeBp": {
              "type": "integer",
              "format": "int64",
              "description": "Absent: n/a; negative when sales fell"
             },
             "reasons": {
              "type": "string"
             },
             "reasonsEn": {
              "type": "string"
             }
            }
           },
           "PartnerGrading": {
            "type": "object",
            "required": [
             "partnerId",
             "changes"
            ],
            "properties": {
             "partnerId": {
              "type": "string"
             },
             "grade": {
              "type": "string",
              "enum": [
               "quality",
               "potential",
               "warning"
              ]
             },
             "since": {
              "type": "string",
              "format": "date"
             },
             "latest": {
              "$ref": "#/components/schemas/GradeRecord"
             },
             "changes": {
              "type": "object",
              "required": [
               "items",
               "page",
               "pageSize",
               "totalCount"
              ],
              "properties": {
               "items": {
                "type": "array",
                "items": {
                 "$ref": "#/components/schemas/GradeRecord"
                }
               },
               "page": {
                "type": "integer",
                "minimum": 1
               },
               "pageSize": {
                "type": "integer",
                "minimum": 1,
                "maximum": 200
               },
               "totalCount": {
                "type": "integer",
                "minimum": 0
               }
              }
             }
            }
           },
           "FollowUp": {
            "type": "object",
            "required": [
             "id",
             "number",
             "partnerId",
             "reason",
             "reasonEn",
             "status",
             "openedAt",
             "rowVersion"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "partnerId": {
              "type": "string"
             },
             "reason": {
              "type": "string"
             },
             "reasonEn": {
              "type": "string"
             },
             "status": {
              "type": "string",
              "enum": [
               "open",
               "closed"
              ]
             },
             "assigneeAccountId": {
              "type": "string"
             },
             "openedAt": {
              "type": "string",
              "format": "date-time"
             },
             "closedAt": {
              "type": "string",
              "format": "date-time"
             },
             "closedBy": {
              "type": "string"
             },
             "resolution": {
              "type": "string"
             },
             "rowVersion": {
              "type": "integer",
              "format": "int64"
             }
            }
           },
           "FollowUpComment": {
            "type": "object",
            "required": [
             "id",
             "author",
             "body",
             "createdAt"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "author": {
              "type": "string"
             },
             "body": {
              "type": "string"
             },
             "createdAt": {
              "type": "string",
              "format": "date-time"
             }
            }
           },
           "FollowUpDetail": {
            "type": "object",
            "required": [
             "task",
             "comments"
            ],
            "properties": {
             "task": {
              "$ref": "#/components/schemas/FollowUp"
             },
             "grade": {
              "$ref": "#/components/schemas/GradeRecord"
             },
             "comments": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/FollowUpComment"
              }
             }
            }
           },
           "ReplenishmentPlan": {
            "type": "object",
            "required": [
             "partnerId",
             "day",
             "firstSalesDay",
             "lastSalesDay",
             "lines"
            ],
            "properties": {
             "partnerId": {
              "type": "string"
             },
             "day": {
              "type": "string",
              "format": "date"
             },
             "firstSalesDay": {
              "type": "string",
              "format": "date"
             },
             "lastSalesDay": {
              "type": "string",
              "format": "date"
             },
             "lines": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "productId",
                "sku",
                "packSize",
                "dailySales",
                "dailyDemand",
                "dailyStandardDeviation",
                "leadTimeDays",
                "reviewPeriodDays",
                "safetyStock",
                "onHand",
                "inTransit",
                "quantityBeforePacks",
                "suggestedQuantity"
               ],
               "properties": {
                "productId": {
                 "type": "string"
                },
                "sku": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "packSize": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 1
                },
                "dailySales": {
                 "type": "array",
                 "minItems": 28,
                 "maxItems": 28,
                 "items": {
                  "type": "integer",
                  "format": "int64",
                  "minimum": 0
                 },
                 "description": "Units sold on each of the 28 days, oldest first"
                },
                "dailyDemand": {
                 "type": "number",
                 "description": "d, for display"
                },
                "dailyStandardDeviation": {
                 "type": "number",
                 "description": "σ (population), for display"
                },
                "leadTimeDays": {
                 "type": "integer",
                 "format": "int64"
                },
                "reviewPeriodDays": {
                 "type": "integer",
                 "format": "int64"
                },
                "safetyStock": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "onHand": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "inTransit": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "quantityBeforePacks": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0
                },
                "suggestedQuantity": {
                 "type": "integer",
                 "format": "int64",
                 "minimum": 0,
                 "description": "A whole number of packs"
                }
               }
              }
             }
            }
           },
           "Promotion": {
            "type": "object",
            "required": [
             "id",
             "number",
             "name",
             "kind",
             "startsAt",
             "endsAt",
             "status",
             "products"
            ],
            "properties": {
             "id": {
              "type": "string"
             },
             "number": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "kind": {
              "type": "string",
              "enum": [
               "price",
               "discount"
              ]
             },
             "discountBp": {
              "type": "integer",
              "format": "int64",
              "minimum": 1,
              "maximum": 9999
             },
             "startsAt": {
              "type": "string",
              "format": "date-time"
             },
             "endsAt": {
              "type": "string",
              "format": "date-time"
             },
             "status": {
              "type": "string",
              "enum": [
               "active",
               "cancelled"
              ]
             },
             "grades": {
              "type": "array",
              "items": {
               "type": "string",
               "enum": [
                "quality",
                "potential",
                "warning"
               ]
              },
              "description": "HQ only"
             },
             "levels": {
              "type": "array",
              "items": {
               "type": "integer"
              },
              "description": "HQ only"
             },
             "provinces": {
              "type": "array",
              "items": {
               "type": "string"
              },
              "description": "HQ only"
             },
             "products": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "productId": {
                 "type": "string"
                },
                "priceFen": {
                 "type": "integer",
                 "format": "int64"
                }
               }
              }
             },
             "usedLines": {
              "type": "integer",
              "format": "int64",
              "description": "HQ only"
             },
             "usedUnits": {
              "type": "integer",
              "format": "int64",
              "description": "HQ only"
             }
            }
           },
           "SalesFigures": {
            "type": "object",
            "required": [
             "orders",
             "purchaseOrders",
             "referralOrders",
             "grossFen",
             "netFen",
             "refundedFen",
             "salesFen",
             "units",
             "commissionFen"
            ],
            "properties": {
             "orders": {
              "type": "integer"
             },
             "purchaseOrders": {
              "type": "integer"
             },
             "referralOrders": {
              "type": "integer"
             },
             "grossFen": {
              "type": "integer"
             },
             "netFen": {
              "type": "integer"
             },
             "refundedFen": {
              "type": "integer"
             },
             "salesFen": {
              "type": "integer",
              "description": "netFen − refundedFen: net sales"
             },
             "units": {
              "type": "integer"
             },
             "commissionFen": {
              "type": "integer"
             }
            }
           },
           "Dashboard": {
            "type": "object",
            "required": [
             "filter",
             "previousFrom",
             "previousTo",
             "generatedAt",
             "metrics",
             "trend",
             "breakdowns",
             "topPartners",
             "topProducts"
            ],
            "properties": {
             "filter": {
              "type": "object",
              "required": [
               "range",
               "from",
               "to",
               "granularity"
              ],
              "properties": {
               "range": {
                "type": "string"
               },
               "from": {
                "type": "string",
                "format": "date"
               },
               "to": {
                "type": "string",
                "format": "date"
               },
               "granularity": {
                "type": "string",
                "enum": [
                 "day",
                 "week",
                 "month"
                ]
               },
               "province": {
                "type": "string",
                "nullable": true
               },
               "level": {
                "type": "integer",
                "nullable": true
               },
               "grade": {
                "type": "string",
                "nullable": true
               },
               "type": {
                "type": "string",
                "nullable": true
               }
              }
             },
             "previousFrom": {
              "type": "string",
              "format": "date"
             },
             "previousTo": {
              "type": "string",
              "format": "date"
             },
             "generatedAt": {
              "type": "string",
              "format": "date-time"
             },
             "metrics": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "metric",
                "unit",
                "snapshot"
               ],
               "properties": {
                "metric": {
                 "type": "string",
                 "enum": [
                  "netSales",
                  "orders",
                  "averageOrder",
                  "activePartners",
                  "newPartners",
                  "commissionAccrued",
                  "commissionSettleable",
                  "commissionPaid",
                  "prepaidBalance",
                  "topUps",
                  "returns",
                  "refunds"
                 ]
                },
                "unit": {
                 "type": "string",
                 "enum": [
                  "fen",
                  "count"
                 ]
                },
                "snapshot": {
                 "type": "boolean",
                 "description": "A balance now (no previous period; the dates do not apply)"
                },
                "value": {
                 "type": "integer",
                 "nullable": true
                },
                "previous": {
                 "type": "integer",
                 "nullable": true
                },
                "changeBasisPoints": {
                 "type": "integer",
                 "nullable": true,
                 "description": "(value − previous) / previous in basis points, half away from zero; null when previous is 0 or absent"
                }
               }
              }
             },
             "trend": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "from",
                "to",
                "figures"
               ],
               "properties": {
                "from": {
                 "type": "string",
                 "format": "date"
                },
                "to": {
                 "type": "string",
                 "format": "date"
                },
                "figures": {
                 "$ref": "#/components/schemas/SalesFigures"
                }
               }
              }
             },
             "breakdowns": {
              "type": "object",
              "description": "Keys province, level, grade, type; rows largest net sales first",
              "additionalProperties": {
               "type": "array",
               "items": {
                "type": "object",
                "required": [
                 "key",
                 "activePartners",
                 "figures"
                ],
                "properties": {
                 "key": {
                  "type": "string",
                  "description": "Province, level 1–3, grade ('' = not graded) or type"
                 },
                 "activePartners": {
                  "type": "integer"
                 },
                 "figures": {
                  "$ref": "#/components/schemas/SalesFigures"
                 }
                }
               }
              }
             },
             "topPartners": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "partnerId",
                "code",
                "name",
                "province",
                "level",
                "type",
                "figures"
               ],
               "properties": {
                "partnerId": {
                 "type": "string"
                },
                "code": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "province": {
                 "type": "string"
                },
                "level": {
                 "type": "integer"
                },
                "type": {
                 "type": "string"
                },
                "grade": {
                 "type": "string",
                 "nullable": true
                },
                "figures": {
                 "$ref": "#/components/schemas/SalesFigures"
                }
               }
              }
             },
             "topProducts": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "productId",
                "sku",
                "name",
                "units",
                "unitsRefunded",
                "grossFen"
               ],
               "properties": {
                "productId": {
                 "type": "string"
                },
                "sku": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "units": {
                 "type": "integer"
                },
                "unitsRefunded": {
                 "type": "integer"
                },
                "grossFen": {
                 "type": "integer",
                 "description": "Units × unit price, before order discounts"
                }
               }
              }
             }
            }
           },
           "Report": {
            "type": "object",
            "required": [
             "report",
             "filter",
             "generatedAt",
             "totalCount",
             "page",
             "pageSize",
             "columns",
             "rows"
            ],
            "properties": {
             "report": {
              "type": "string"
             },
             "filter": {
              "type": "object",
              "required": [
               "range",
               "from",
               "to",
               "granularity"
              ],
              "properties": {
               "range": {
                "type": "string"
               },
               "from": {
                "type": "string",
                "format": "date"
               },
               "to": {
                "type": "string",
                "format": "date"
               },
               "granularity": {
                "type": "string",
                "enum": [
                 "day",
                 "week",
                 "month"
                ]
               },
               "province": {
                "type": "string",
                "nullable": true
               },
               "level": {
                "type": "integer",
                "nullable": true
               },
               "grade": {
                "type": "string",
                "nullable": true
               },
               "type": {
                "type": "string",
                "nullable": true
               }
              }
             },
             "generatedAt": {
              "type": "string",
              "format": "date-time"
             },
             "totalCount": {
              "type": "integer"
             },
             "page": {
              "type": "integer"
             },
             "pageSize": {
              "type": "integer"
             },
             "columns": {
              "type": "array",
              "items": {
               "type": "object",
               "required": [
                "name",
                "type"
               ],
               "properties": {
                "name": {
                 "type": "string",
                 "description": "The column's heading in the request's language"
                },
                "type": {
                 "type": "string",
                 "enum": [
                  "text",
                  "integer",
                  "fen",
                  "date"
                 ]
                }
               }
              }
             },
             "rows": {
              "type": "array",
              "items": {
               "type": "array",
               "items": {
                "nullable": true,
                "oneOf": [
                 {
                  "type": "string"
                 },
                 {
                  "type": "integer"
                 }
                ]
               }
              },
              "description": "Cells in column order; money in fen; a sales report ends with a totals row"
             }
            }
           }
          }
         },
         "tags": [
          {
           "name": "dashboard",
           "description": "HQ's dashboard and reports"
          }
         ]
        }
        """#
}
